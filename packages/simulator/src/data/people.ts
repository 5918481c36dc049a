import { faker as sharedFakerPtBr } from "@faker-js/faker/locale/pt_BR";
import type { Address, Person } from "./model";
import { DIGITS, type Rng } from "./rng";

export type Faker = typeof sharedFakerPtBr;

/**
 * A private pt_BR Faker. Seeding the shared `fakerPT_BR` would reset the sequence of a user's own
 * tests that use it in the same process; a private instance with the same locale data does not.
 * (The root `@faker-js/faker` export would also give the class, but loads every locale: ~100 ms.)
 */
export function createFaker(seed: readonly number[]): Faker {
  const FakerClass = sharedFakerPtBr.constructor as new (options: {
    locale: Faker["rawDefinitions"];
  }) => Faker;
  const faker = new FakerClass({ locale: sharedFakerPtBr.rawDefinitions });
  faker.seed([...seed]);
  return faker;
}

interface Country {
  iso: string;
  name: string;
  currency: string;
  locale: string;
  documentType: Person["documentType"];
  phonePrefix: string;
  weight: number;
}

/** Mostly Brazilian buyers, with the foreign markets Hotmart sells to, so other currencies appear. */
export const COUNTRIES: readonly Country[] = [
  {
    iso: "BR",
    name: "Brasil",
    currency: "BRL",
    locale: "pt_BR",
    documentType: "CPF",
    phonePrefix: "",
    weight: 86,
  },
  {
    iso: "PT",
    name: "Portugal",
    currency: "EUR",
    locale: "pt_PT",
    documentType: "DOCUMENT",
    phonePrefix: "+351",
    weight: 4,
  },
  {
    iso: "MX",
    name: "México",
    currency: "MXN",
    locale: "es_MX",
    documentType: "DOCUMENT",
    phonePrefix: "+52",
    weight: 3,
  },
  {
    iso: "US",
    name: "Estados Unidos",
    currency: "USD",
    locale: "en_US",
    documentType: "DOCUMENT",
    phonePrefix: "+1",
    weight: 3,
  },
  {
    iso: "CO",
    name: "Colômbia",
    currency: "COP",
    locale: "es_CO",
    documentType: "DOCUMENT",
    phonePrefix: "+57",
    weight: 2,
  },
  {
    iso: "ES",
    name: "Espanha",
    currency: "EUR",
    locale: "es_ES",
    documentType: "DNI",
    phonePrefix: "+34",
    weight: 2,
  },
];

export const BRAZIL = COUNTRIES[0] as Country;

/** Brazilian area codes by state, so a buyer's phone matches their address. */
const DDD: Record<string, string> = {
  AC: "68",
  AL: "82",
  AP: "96",
  AM: "92",
  BA: "71",
  CE: "85",
  DF: "61",
  ES: "27",
  GO: "62",
  MA: "98",
  MT: "65",
  MS: "67",
  MG: "31",
  PA: "91",
  PB: "83",
  PR: "41",
  PE: "81",
  PI: "86",
  RJ: "21",
  RN: "84",
  RS: "51",
  RO: "69",
  RR: "95",
  SC: "48",
  SP: "11",
  SE: "79",
  TO: "63",
};

const NEIGHBORHOODS = [
  "Centro",
  "Jardim América",
  "Vila Mariana",
  "Boa Viagem",
  "Savassi",
  "Copacabana",
  "Moinhos de Vento",
  "Batel",
  "Pituba",
  "Aldeota",
  "Meireles",
  "Asa Sul",
  "Trindade",
  "Jardim Botânico",
  "Pinheiros",
  "Tijuca",
  "Funcionários",
  "Bela Vista",
  "Santa Efigênia",
  "Petrópolis",
];

/** A valid CPF (11 digits, check digits computed), unformatted as Hotmart returns it. */
export function cpf(rng: Rng): string {
  const d = Array.from({ length: 9 }, () => rng.int(0, 9));
  for (const len of [9, 10]) {
    let sum = 0;
    for (let i = 0; i < len; i++) sum += (d[i] as number) * (len + 1 - i);
    const r = (sum * 10) % 11;
    d.push(r === 10 ? 0 : r);
  }
  return d.join("");
}

/** A valid CNPJ (14 digits). */
export function cnpj(rng: Rng): string {
  const d = [...Array.from({ length: 8 }, () => rng.int(0, 9)), 0, 0, 0, 1];
  for (const weights of [
    [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2],
    [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2],
  ]) {
    let sum = 0;
    weights.forEach((w, i) => {
      sum += (d[i] as number) * w;
    });
    const r = sum % 11;
    d.push(r < 2 ? 0 : 11 - r);
  }
  return d.join("");
}

function ascii(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}

export interface PersonOptions {
  /** Force a country (the account and its partners are Brazilian). */
  country?: Country;
  /** Company-like person with a CNPJ (producers). */
  company?: boolean;
}

/**
 * A person drawn from Faker's pt_BR locale. E-mails use example domains and are made unique
 * against `emails`, so an e-mail filter finds exactly one person.
 */
export function makePerson(
  faker: Faker,
  rng: Rng,
  id: number,
  emails: Set<string>,
  options: PersonOptions = {},
): Person {
  const country = options.country ?? rng.weighted(COUNTRIES.map((c) => [c, c.weight] as const));
  const firstName = faker.person.firstName();
  const lastName = faker.person.lastName();
  const company = options.company ? faker.company.name() : undefined;
  const name = company ?? `${firstName} ${lastName}`;
  const domain = faker.helpers.arrayElement(["example.com", "example.org", "example.net"]);
  const local = company ? ascii(company).slice(0, 20) : `${ascii(firstName)}.${ascii(lastName)}`;
  let email = `${local}@${domain}`;
  for (let n = 2; emails.has(email); n++) email = `${local}${n}@${domain}`;
  emails.add(email);
  const state = faker.location.state({ abbreviated: true });
  const brazilian = country.iso === "BR";
  const address: Address = {
    address: faker.location.street(),
    number: faker.location.buildingNumber(),
    complement: rng.chance(0.4) ? faker.location.secondaryAddress() : "",
    neighborhood: faker.helpers.arrayElement(NEIGHBORHOODS),
    city: faker.location.city(),
    state: brazilian ? state : "",
    country: country.name,
    countryIso: country.iso,
    zipCode: brazilian ? faker.location.zipCode("########") : rng.digits(5),
  };
  return {
    id,
    ucode: faker.string.uuid(),
    name,
    firstName: company ? name : firstName,
    lastName: company ? "" : lastName,
    email,
    document: options.company ? cnpj(rng) : country.documentType === "CPF" ? cpf(rng) : rng.digits(9),
    documentType: options.company ? "CNPJ" : country.documentType,
    phoneDdd: brazilian ? (DDD[state] ?? "11") : country.phonePrefix,
    phone: brazilian ? `9${rng.chars(8, DIGITS)}` : rng.digits(9),
    locale: country.locale,
    currency: country.currency,
    address,
  };
}
