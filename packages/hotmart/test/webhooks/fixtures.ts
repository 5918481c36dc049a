import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The hottok the fixtures with a body `hottok` carry (invented). */
export const FIXTURE_HOTTOK = "fixture-hottok-0000000000000000";

const root = fileURLToPath(new URL("./fixtures/", import.meta.url));

export type FixtureKind = "documented" | "observed" | "legacy";

/** File names (without extension) of one fixture folder, sorted. */
export function fixtureNames(kind: FixtureKind): string[] {
  return readdirSync(`${root}${kind}`)
    .map((file) => file.replace(/\.(json|form)$/, ""))
    .sort();
}

/** The fixture's text exactly as stored: what Hotmart would post. */
export function fixtureText(kind: FixtureKind, name: string): string {
  const extension = kind === "legacy" ? "form" : "json";
  return readFileSync(`${root}${kind}/${name}.${extension}`, "utf8");
}

/** A JSON fixture, parsed (a fresh object every call). */
export function fixture(kind: Exclude<FixtureKind, "legacy">, name: string): Record<string, unknown> {
  return JSON.parse(fixtureText(kind, name)) as Record<string, unknown>;
}
