import { accessCommand } from "./commands/access";
import { doctorCommand } from "./commands/doctor";
import { exportCommand } from "./commands/export";
import { simulatorCommand } from "./commands/simulator";
import { webhooksCommand } from "./commands/webhooks";
import type { Extension } from "./program";

/** Commands that live in their own modules. */
export const extensions: readonly Extension[] = [
  exportCommand,
  accessCommand,
  webhooksCommand,
  simulatorCommand,
  doctorCommand,
];
