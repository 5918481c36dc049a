import type { Extension } from "./program";

/** Commands that live in their own modules (webhooks, simulator, doctor, export, access). */
export const extensions: readonly Extension[] = [];
