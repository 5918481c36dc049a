import { HotmartInputError } from "../core/errors";
import { APIResource } from "../core/resource";

export class Access extends APIResource {
  async check(email: string): Promise<unknown> {
    throw new HotmartInputError(`todo ${email}`);
  }
}
