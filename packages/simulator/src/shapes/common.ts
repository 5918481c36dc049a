import type { Person } from "../data/model";
import { BRT_OFFSET } from "../time";

/** Small wire shapes shared by several endpoints. */

export const money = (value: number, currency: string) => ({ value, currency_code: currency });

/** Hotmart's own user in commission lists (the MARKETPLACE cut). */
export const HOTMART_USER = { ucode: "00000000-0000-4000-8000-000000000099", name: "Hotmart" };

/** A person as the sales participants endpoint shows them (§8.1 S3). */
export function participantUser(person: Person, buyer: boolean) {
  const foreign = person.address.countryIso !== "BR";
  // Only foreign buyers' numbers carry the international prefix.
  const cellphone =
    foreign && buyer
      ? `${person.phoneDdd}${person.phone}`
      : `${person.phoneDdd.replace("+", "")}${person.phone}`;
  return {
    ucode: person.ucode,
    locale: person.locale,
    name: person.name,
    trade_name: person.documentType === "CNPJ" ? person.name : "",
    cellphone,
    phone: "",
    email: person.email,
    documents: [{ value: person.document, type: person.documentType }],
    address: {
      city: person.address.city,
      state: person.address.state,
      country: person.address.country,
      zip_code: person.address.zipCode,
      address: person.address.address,
      complement: person.address.complement,
      neighborhood: person.address.neighborhood,
      number: person.address.number,
    },
  };
}

/** "2024-06-01 10:00:00" in São Paulo time: the date format of the subscription write results. */
export function datetimeString(ms: number): string {
  return new Date(ms - BRT_OFFSET).toISOString().slice(0, 19).replace("T", " ");
}

/** "(31) 99999-0000": the free-format phone of subscription results. */
export function formattedPhone(person: Person): string {
  if (person.address.countryIso !== "BR") return `${person.phoneDdd} ${person.phone}`;
  const p = person.phone;
  return `(${person.phoneDdd}) ${p.slice(0, p.length - 4)}-${p.slice(-4)}`;
}
