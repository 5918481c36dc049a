import { DAY } from "../time";
import { slug } from "./catalog";
import type { Club, ClubModule, ClubPage, ClubUser, DrippingConfig, Person, Product, Sale } from "./model";
import { type Faker, makePerson } from "./people";
import { MIXED_ALNUM, type Rng } from "./rng";
import { PAID } from "./sales";
import { SANDBOX } from "./sandbox";

const MODULE_TITLES = [
  "Boas-vindas",
  "Fundamentos",
  "Primeiros Passos",
  "Aprofundando",
  "Estudos de Caso",
  "Ferramentas",
  "Prática Guiada",
  "Aulas ao Vivo",
  "Materiais Complementares",
  "Encerramento",
];
const EXTRA_TITLES = [
  "Bônus: Mentoria em Grupo",
  "Bônus: Planilhas",
  "Módulo Extra: Certificação",
  "Bônus: Comunidade VIP",
];
const LESSON_TITLES = [
  "Introdução",
  "Visão geral",
  "Passo a passo",
  "Exercício prático",
  "Erros comuns",
  "Checklist",
  "Estudo de caso",
  "Perguntas frequentes",
  "Resumo",
  "Desafio da semana",
  "Aula ao vivo",
  "Material de apoio",
];

export interface ClubInput {
  faker: Faker;
  rng: Rng;
  now: number;
  account: Person;
  staff: readonly Person[];
  /** Every product with a members area (ONLINE_COURSE and COMMUNITY). */
  products: readonly Product[];
  salesByProduct: ReadonlyMap<number, readonly Sale[]>;
  usersPerClub: number;
  emails: Set<string>;
}

/** Club ids are 10 mixed-case characters; they are compared case-insensitively, so keep them unique that way. */
class ClubIds {
  readonly #taken = new Set<string>([...SANDBOX.moduleIds, ...SANDBOX.userIds].map((id) => id.toLowerCase()));
  constructor(readonly rng: Rng) {}
  next(): string {
    for (;;) {
      const id = this.rng.chars(10, MIXED_ALNUM);
      if (!this.#taken.has(id.toLowerCase())) {
        this.#taken.add(id.toLowerCase());
        return id;
      }
    }
  }
}

export function makeClubs(input: ClubInput): Club[] {
  const ids = new ClubIds(input.rng);
  const subdomains = new Set<string>([SANDBOX.subdomain]);
  return input.products.map((product) => {
    const sandbox = product.id === SANDBOX.clubProductId;
    let subdomain: string = SANDBOX.subdomain;
    if (!sandbox) {
      const baseName = slug(product.name).slice(0, 24) || "clube";
      subdomain = baseName;
      for (let n = 2; subdomains.has(subdomain); n++) subdomain = `${baseName}-${n}`;
      subdomains.add(subdomain);
    }
    const club = makeClub(input, ids, product, subdomain, sandbox);
    product.club = club;
    return club;
  });
}

function makeClub(
  input: ClubInput,
  ids: ClubIds,
  product: Product,
  subdomain: string,
  sandbox: boolean,
): Club {
  const { rng, faker } = input;
  const classes = [{ id: ids.next(), name: "DEFAULT_CLASS" }];
  if (rng.chance(0.6)) classes.push({ id: ids.next(), name: "Turma VIP" });
  const modules: ClubModule[] = [];
  const mainIds: string[] = sandbox
    ? [...SANDBOX.moduleIds]
    : Array.from({ length: rng.int(3, 6) }, () => ids.next());
  const titles = faker.helpers.shuffle([...MODULE_TITLES]);
  mainIds.forEach((id, i) => {
    modules.push(
      makeModule(input, ids, classes, id, `Módulo ${i + 1}: ${titles[i % titles.length]}`, i + 1, false),
    );
  });
  const extras = sandbox ? 2 : rng.int(0, 2);
  for (let i = 0; i < extras; i++) {
    const module = makeModule(
      input,
      ids,
      classes,
      ids.next(),
      EXTRA_TITLES[i % EXTRA_TITLES.length] ?? "Bônus",
      mainIds.length + i + 1,
      true,
    );
    module.isExtraPaid = i === 0;
    module.classes = classes.slice(-1).map((c) => c.id);
    modules.push(module);
  }
  const club: Club = { subdomain, product, classes, modules, users: [] };
  club.users = makeUsers(input, ids, club, sandbox);
  return club;
}

function makeModule(
  input: ClubInput,
  ids: ClubIds,
  classes: Club["classes"],
  id: string,
  name: string,
  sequence: number,
  isExtra: boolean,
): ClubModule {
  const { rng, now } = input;
  const pages: ClubPage[] = [];
  const count = rng.int(2, 6);
  for (let order = 1; order <= count; order++) {
    const type =
      order === 1
        ? "CONTENT"
        : rng.weighted([
            ["CONTENT", 75],
            ["QUIZ", 10],
            ["WEBINAR", 8],
            ["ADVERTISEMENT", 7],
          ] as const);
    const rates =
      type === "CONTENT"
        ? [5, 4, 3].filter(() => rng.chance(0.5)).map((rate) => ({ rate, total: rng.int(1, 30) }))
        : [];
    const dripping: DrippingConfig[] = [];
    if (rng.chance(0.4)) {
      const quiz = pages.find((p) => p.type === "QUIZ");
      const kind = rng.weighted([
        ["BY_DAYS", 60],
        ["BY_DATE", 25],
        ["BY_QUIZ", quiz ? 15 : 0],
      ] as const);
      const liberation: DrippingConfig["liberation"] =
        kind === "BY_DAYS"
          ? { type: "BY_DAYS", liberation_days: 7 * rng.int(1, 8) }
          : kind === "BY_DATE"
            ? {
                type: "BY_DATE",
                liberation_date: new Date(now - rng.int(-60, 300) * DAY)
                  .toISOString()
                  .slice(0, 10)
                  .concat("T03:00:00Z"),
              }
            : { type: "BY_QUIZ", page_id: quiz?.id ?? "" };
      const defaultClass = classes[0];
      dripping.push({
        liberation,
        expiration: rng.chance(0.3)
          ? { type: "BY_DAYS", duration_days: rng.pick([90, 180, 365]) }
          : undefined,
        classes:
          rng.chance(0.7) || !defaultClass
            ? []
            : [{ id: defaultClass.id, name: defaultClass.name, default_class: true }],
      });
    }
    pages.push({
      id: ids.next(),
      name: `${order}. ${rng.pick(LESSON_TITLES)}`,
      order,
      type,
      published: rng.chance(0.92),
      totalComments: type === "CONTENT" ? rng.int(0, 40) : 0,
      rates,
      hasMedia: type === "CONTENT" || type === "WEBINAR" ? rng.chance(0.85) : false,
      durationDays: rng.chance(0.2) ? rng.pick([30, 90, 365]) : undefined,
      dripping,
    });
  }
  return {
    id,
    name,
    sequence,
    isPublic: !isExtra && sequence === 1 && rng.chance(0.5),
    isExtra,
    isExtraPaid: false,
    classes: classes.map((c) => c.id),
    pages,
  };
}

function makeUsers(input: ClubInput, ids: ClubIds, club: Club, sandbox: boolean): ClubUser[] {
  const { rng, now } = input;
  const users: ClubUser[] = [];
  const pages = club.modules.flatMap((m) => m.pages.filter((p) => p.published));
  const classId = (club.classes[0] as { id: string }).id;
  const add = (person: Person, role: string, type: string, purchaseDate: number | undefined) => {
    const accessed = role !== "STUDENT" || rng.chance(0.85);
    const from = purchaseDate ?? now - rng.int(30, 600) * DAY;
    const first = accessed ? Math.min(now, from + rng.int(0, 5) * DAY + rng.int(0, DAY)) : undefined;
    const last =
      first !== undefined
        ? Math.min(now, first + rng.int(0, Math.max(0, Math.floor((now - first) / DAY))) * DAY)
        : undefined;
    const completedCount =
      first !== undefined && (role === "STUDENT" || role === "FREE_STUDENT") ? rng.int(0, pages.length) : 0;
    const completed = new Map<string, number>();
    pages.slice(0, completedCount).forEach((page, i) => {
      const start = first ?? now;
      const end = last ?? now;
      completed.set(page.id, Math.round(start + ((end - start) * (i + 1)) / (completedCount + 1)));
    });
    const share = pages.length === 0 ? 0 : completedCount / pages.length;
    users.push({
      userId: ids.next(),
      name: person.name,
      email: person.email,
      role,
      firstAccessDate: first,
      lastAccessDate: last,
      locale: person.locale,
      plusAccess: rng.weighted([
        ["WITHOUT_PLUS_ACCESS", 85],
        ["HOLDER", 4],
        ["HOLDER_WITH_DEPENDENTS", 3],
        ["HOLDER_WITHOUT_DEPENDENTS", 3],
        ["DEPENDENT", 5],
      ]),
      status:
        role === "OWNER"
          ? "ACTIVE"
          : rng.weighted([
              ["ACTIVE", 85],
              ["BLOCKED", 5],
              ["BLOCKED_BY_OWNER", 5],
              ["OVERDUE", 5],
            ]),
      purchaseDate,
      accessCount: first === undefined ? 0 : rng.int(1, 200),
      isDeletable: role === "STUDENT" || role === "FREE_STUDENT",
      classId:
        role === "STUDENT" && club.classes.length > 1 && rng.chance(0.2)
          ? (club.classes[1]?.id ?? classId)
          : classId,
      type,
      engagement:
        first === undefined
          ? "NONE"
          : share < 0.25
            ? "LOW"
            : share < 0.6
              ? "MEDIUM"
              : share < 0.9
                ? "HIGH"
                : "VERY_HIGH",
      completed,
    });
  };

  add(input.account, "OWNER", "OWNER", undefined);
  const staff = input.staff[0];
  if (staff) add(staff, rng.pick(["ADMIN", "CONTENT_EDITOR", "MODERATOR"]), "GUEST", undefined);
  // Students are the product's buyers: the first paid sale of each buyer is their purchase date.
  const firstPurchase = new Map<Person, number>();
  for (const sale of input.salesByProduct.get(club.product.id) ?? []) {
    if (!PAID.has(sale.status)) continue;
    const at = sale.approvedDate ?? sale.orderDate;
    const seen = firstPurchase.get(sale.buyer);
    if (seen === undefined || at < seen) firstPurchase.set(sale.buyer, at);
  }
  const buyers = [...firstPurchase].sort((a, b) => a[1] - b[1]);
  for (const [person, at] of buyers) {
    if (users.length >= input.usersPerClub) break;
    add(person, "STUDENT", "BUYER", at);
  }
  while (users.length < input.usersPerClub) {
    const person = makePerson(input.faker, rng, rng.int(10_000_000, 99_999_999), input.emails);
    const free = rng.chance(0.5);
    add(person, free ? "FREE_STUDENT" : "STUDENT", free ? "FREE" : "IMPORTED", undefined);
  }
  if (sandbox) {
    // The sandbox student ids belong to students who have completed part of the course.
    SANDBOX.userIds.forEach((id, i) => {
      const user = users[2 + i] ?? users[i];
      if (!user) return;
      user.userId = id;
      if (user.completed.size === 0 && pages[0]) user.completed.set(pages[0].id, user.firstAccessDate ?? now);
      if (user.firstAccessDate === undefined) {
        user.firstAccessDate = now - 10 * DAY;
        user.lastAccessDate = now - DAY;
        user.accessCount = 3;
        user.engagement = "LOW";
      }
    });
  }
  return users;
}
