import { DAY } from "../time";
import { PERIOD_DAYS, type Periodicity, type ProductFormat, type ProductStatus } from "./enums";
import type { Offer, Person, Plan, Product } from "./model";
import type { Faker } from "./people";
import { LOWER_ALNUM, type Rng, unique } from "./rng";
import { SANDBOX } from "./sandbox";

/** Value of one unit of each currency in BRL: converts offer prices for foreign buyers. */
export const FX_TO_BRL: Record<string, number> = { BRL: 1, USD: 5.4, EUR: 5.9, MXN: 0.29, COP: 0.0013 };

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

const TOPICS = [
  "Marketing Digital",
  "Finanças Pessoais",
  "Fotografia",
  "Confeitaria",
  "Inglês",
  "Programação",
  "Yoga",
  "Tráfego Pago",
  "Excel",
  "Maquiagem",
  "Violão",
  "Investimentos",
  "Nutrição",
  "Copywriting",
  "Desenho",
  "Crochê",
  "Oratória",
  "Produtividade",
  "Edição de Vídeo",
  "Espanhol",
  "Meditação",
  "Empreendedorismo",
  "Design Gráfico",
  "Lançamentos",
  "Instagram",
  "Concursos",
  "Panificação",
  "Inteligência Artificial",
  "Jardinagem",
  "Treino em Casa",
];

const NAME_TEMPLATES: Record<ProductFormat, readonly string[]> = {
  EBOOK: ["E-book {t}", "Guia Prático de {t}", "{t}: o Manual Definitivo"],
  SOFTWARE: ["{t} Pro", "Planilha Inteligente de {t}"],
  MOBILE_APPS: ["App {t}", "{t} no Bolso"],
  VIDEOS: ["Videoaulas de {t}", "Série {t} em Vídeo"],
  AUDIOS: ["Audiobook {t}", "Podcast Premium {t}"],
  TEMPLATES: ["Templates de {t}", "Kit {t}"],
  IMAGES: ["Banco de Imagens {t}", "Pack de Artes {t}"],
  ONLINE_COURSE: ["Curso {t} do Zero", "Formação em {t}", "Método {t}", "{t} Avançado"],
  SERIAL_CODES: ["Licença {t}", "Chave de Ativação {t}"],
  ETICKET: ["Imersão Presencial {t}", "Workshop {t} ao Vivo", "Encontro {t}"],
  ONLINE_SERVICE: ["Mentoria {t}", "Consultoria em {t}"],
  ONLINE_EVENT: ["Masterclass {t}", "Semana {t} Online"],
  BUNDLE: ["Combo {t}", "Pacote Completo {t}"],
  COMMUNITY: ["Comunidade {t}", "Clube {t}"],
  AGENT: ["Agente de IA para {t}", "Assistente {t}"],
};

const PRICES: Record<ProductFormat, readonly number[]> = {
  EBOOK: [19.9, 27, 37, 47, 67],
  SOFTWARE: [49.9, 97, 197],
  MOBILE_APPS: [29.9, 49.9, 97],
  VIDEOS: [27, 47, 97],
  AUDIOS: [19.9, 37, 47],
  TEMPLATES: [27, 47, 67],
  IMAGES: [27, 37, 57],
  ONLINE_COURSE: [97, 197, 297, 497, 997, 1497, 1997],
  SERIAL_CODES: [37, 97],
  ETICKET: [150, 297, 497, 890],
  ONLINE_SERVICE: [297, 497, 1200],
  ONLINE_EVENT: [47, 97, 197],
  BUNDLE: [397, 697],
  COMMUNITY: [29.9, 39.9, 49.9],
  AGENT: [49.9, 97],
};

/** Formats that every dataset covers, in the order generated products take them. */
const FORMAT_ROTATION: readonly ProductFormat[] = [
  "SOFTWARE",
  "MOBILE_APPS",
  "VIDEOS",
  "AUDIOS",
  "TEMPLATES",
  "IMAGES",
  "SERIAL_CODES",
  "ETICKET",
  "ONLINE_SERVICE",
  "ONLINE_EVENT",
  "BUNDLE",
  "AGENT",
  "ETICKET",
  "COMMUNITY",
];

const FORMAT_WEIGHTS: readonly (readonly [ProductFormat, number])[] = [
  ["ONLINE_COURSE", 40],
  ["EBOOK", 20],
  ["COMMUNITY", 8],
  ["ONLINE_EVENT", 6],
  ["TEMPLATES", 5],
  ["VIDEOS", 5],
  ["SOFTWARE", 4],
  ["AGENT", 3],
  ["ETICKET", 4],
  ["ONLINE_SERVICE", 5],
];

const NOT_ACTIVE: readonly ProductStatus[] = [
  "DRAFT",
  "PAUSED",
  "NOT_APPROVED",
  "IN_REVIEW",
  "DELETED",
  "CHANGES_PENDING_ON_PRODUCT",
];

/** Statuses under which a product has (had) sales. */
export const SOLD_STATUSES: ReadonlySet<ProductStatus> = new Set([
  "ACTIVE",
  "PAUSED",
  "DELETED",
  "CHANGES_PENDING_ON_PRODUCT",
]);

const PLAN_NAMES: Record<Exclude<Periodicity, "SINGLE_INSTALLMENT">, string> = {
  WEEKLY: "Semanal",
  MONTHLY: "Mensal",
  BIMONTHLY: "Bimestral",
  QUARTERLY: "Trimestral",
  BIANNUAL: "Semestral",
  ANNUAL: "Anual",
};

const MONTHS: Record<Exclude<Periodicity, "SINGLE_INSTALLMENT">, number> = {
  WEEKLY: 0.25,
  MONTHLY: 1,
  BIMONTHLY: 2,
  QUARTERLY: 3,
  BIANNUAL: 6,
  ANNUAL: 12,
};

export interface CatalogInput {
  faker: Faker;
  rng: Rng;
  now: number;
  account: Person;
  partners: readonly Person[];
  /** Listed products, the sandbox ones included. */
  count: number;
}

interface Ids {
  productIds: Set<number>;
  offerCodes: Set<string>;
  planIds: Set<number>;
  planCodes: Set<string>;
}

export function makeCatalog(input: CatalogInput): Product[] {
  const { faker, rng } = input;
  const ids: Ids = {
    productIds: new Set([SANDBOX.clubProductId, SANDBOX.summary.productId]),
    offerCodes: new Set([SANDBOX.summary.offerCode]),
    planIds: new Set(),
    planCodes: new Set(),
  };
  const products: Product[] = [];
  const make = (format: ProductFormat, extra: Partial<Pick<Product, "id" | "ucode">> = {}) => {
    const product = baseProduct(input, ids, format, extra);
    products.push(product);
    return product;
  };

  // The sandbox products first, so their ids exist whatever the scale.
  make("ONLINE_COURSE", { id: SANDBOX.clubProductId });
  const offersProduct = make("ONLINE_COURSE", { ucode: SANDBOX.offersUcode });
  addOffers(input, ids, offersProduct, 3);
  const plansProduct = make("COMMUNITY", { ucode: SANDBOX.plansUcode });
  plansProduct.isSubscription = true;
  addPlans(input, ids, plansProduct, ["MONTHLY", "QUARTERLY", "ANNUAL"], { trialOn: "ANNUAL" });
  const summaryProduct = make("EBOOK", { id: SANDBOX.summary.productId });
  const first = summaryProduct.offers[0];
  if (first) first.code = SANDBOX.summary.offerCode;

  const generated = Math.max(0, input.count - products.length);
  for (let i = 0; i < generated; i++) {
    const format = FORMAT_ROTATION[i] ?? rng.weighted(FORMAT_WEIGHTS);
    const product = make(format);
    if (
      format === "COMMUNITY" ||
      (["SOFTWARE", "AGENT", "MOBILE_APPS"].includes(format) && rng.chance(0.6))
    ) {
      product.isSubscription = true;
    } else if (format === "ONLINE_COURSE" && rng.chance(0.25)) {
      product.isSubscription = true;
    }
    if (product.isSubscription) {
      const periods = faker.helpers.arrayElements(
        ["WEEKLY", "MONTHLY", "BIMONTHLY", "QUARTERLY", "BIANNUAL", "ANNUAL"] as const,
        { min: 1, max: 3 },
      );
      addPlans(input, ids, product, periods.includes("MONTHLY") ? periods : ["MONTHLY", ...periods], {
        trialOn: rng.chance(0.4) ? "MONTHLY" : undefined,
      });
    } else {
      addOffers(
        input,
        ids,
        product,
        rng.weighted([
          [0, 50],
          [1, 30],
          [2, 20],
        ]),
      );
    }
    if (rng.chance(0.15)) {
      // Co-produced: another producer owns it and the account takes the co-producer cut.
      product.role = "COPRODUCER";
      product.owner = rng.pick(input.partners);
      product.coproducer = input.account;
    } else if (rng.chance(0.2)) {
      product.coproducer = rng.pick(input.partners);
    }
  }
  // Some of the last products are not on sale, so every product status appears.
  if (generated >= 14) {
    const candidates = products
      .slice(4)
      .filter((p) => !p.isSubscription && p.format !== "ETICKET")
      .reverse();
    NOT_ACTIVE.forEach((status, i) => {
      const product = candidates[i];
      if (product) product.status = status;
    });
  }

  // Products of other producers that the account sells as an affiliate: in sales, not in the list.
  for (let i = 0; i < 3; i++) {
    const product = make(rng.pick(["ONLINE_COURSE", "EBOOK", "ONLINE_COURSE"] as const));
    addOffers(input, ids, product, 1);
    product.role = "AFFILIATE";
    product.owner = rng.pick(input.partners);
    product.listed = false;
  }
  return products;
}

function baseProduct(
  input: CatalogInput,
  ids: Ids,
  format: ProductFormat,
  extra: Partial<Pick<Product, "id" | "ucode">>,
): Product {
  const { faker, rng, now } = input;
  const topic = faker.helpers.arrayElement(TOPICS);
  const name = faker.helpers.arrayElement(NAME_TEMPLATES[format]).replace("{t}", topic);
  const id = extra.id ?? unique(ids.productIds, () => rng.int(1_000_000, 9_999_999));
  const product: Product = {
    id,
    ucode: extra.ucode ?? faker.string.uuid(),
    name,
    status: "ACTIVE",
    format,
    createdAt: now - rng.int(90, 1500) * DAY - rng.int(0, DAY),
    isSubscription: false,
    warrantyDays: rng.weighted([
      [7, 60],
      [15, 25],
      [30, 15],
    ]),
    role: "PRODUCER",
    owner: input.account,
    coproducer: undefined,
    listed: true,
    supportEmail: `suporte@${slug(topic)}.example.com`,
    offers: [],
    plans: [],
    club: undefined,
    event: undefined,
  };
  // Every non-subscription product has a main offer in BRL.
  product.offers.push(makeOffer(input, ids, product, true));
  return product;
}

function makeOffer(input: CatalogInput, ids: Ids, product: Product, main: boolean): Offer {
  const { faker, rng } = input;
  const international = !main && rng.chance(0.3);
  const currency = international ? rng.pick(["USD", "EUR"]) : "BRL";
  const brl = rng.pick(PRICES[product.format]);
  const price = currency === "BRL" ? brl : Math.max(5, Math.round(brl / (FX_TO_BRL[currency] ?? 1)) - 0.01);
  return {
    code: unique(ids.offerCodes, () => rng.chars(8, LOWER_ALNUM)),
    name: main
      ? "Oferta principal"
      : rng.chance(0.3)
        ? ""
        : faker.helpers.arrayElement([
            "Oferta especial",
            "Lote promocional",
            "Oferta internacional",
            "Black Friday",
          ]),
    description: rng.chance(0.5)
      ? ""
      : faker.helpers.arrayElement([
          "Acesso por 1 ano",
          "Acesso vitalício",
          "Com bônus exclusivos",
          "Condição por tempo limitado",
        ]),
    price: round2(price),
    currency,
    paymentMode: main
      ? "UNIQUE_PAYMENT"
      : rng.weighted([
          ["UNIQUE_PAYMENT", 30],
          ["SMART_INSTALLMENT", 20],
          ["MULTIPLE_PAYMENTS", 10],
          ["PAY_IN_FULL", 10],
          ["BILLET_INSTALLMENT", 10],
          ["FINANCED_BILLET", 8],
          ["INVOICE", 6],
          ["NOT_DEFINED", 6],
        ]),
    isCurrencyConversionEnabled: currency === "BRL" ? rng.chance(0.8) : false,
    isSmartRecoveryEnabled: rng.chance(0.3),
    isMainOffer: main,
  };
}

function addOffers(input: CatalogInput, ids: Ids, product: Product, extra: number): void {
  for (let i = 0; i < extra; i++) product.offers.push(makeOffer(input, ids, product, false));
}

function addPlans(
  input: CatalogInput,
  ids: Ids,
  product: Product,
  periods: readonly Exclude<Periodicity, "SINGLE_INSTALLMENT">[],
  options: { trialOn: Periodicity | undefined },
): void {
  const { rng } = input;
  const monthly = rng.pick(PRICES.COMMUNITY);
  // A subscription product is sold through its plans' offers only.
  product.offers = [];
  const order: Periodicity[] = ["WEEKLY", "MONTHLY", "BIMONTHLY", "QUARTERLY", "BIANNUAL", "ANNUAL"];
  const sorted = [...new Set(periods)].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  for (const periodicity of sorted) {
    const months = MONTHS[periodicity];
    const discount = months >= 12 ? 0.8 : months >= 3 ? 0.9 : 1;
    const price = round2(Math.max(9.9, monthly * months * discount));
    const name = `Plano ${PLAN_NAMES[periodicity]}`;
    const offer: Offer = {
      code: unique(ids.offerCodes, () => rng.chars(8, LOWER_ALNUM)),
      name,
      description: `Assinatura ${PLAN_NAMES[periodicity].toLowerCase()}`,
      price,
      currency: "BRL",
      paymentMode: "SUBSCRIPTION",
      isCurrencyConversionEnabled: true,
      isSmartRecoveryEnabled: false,
      isMainOffer: product.offers.length === 0,
    };
    product.offers.push(offer);
    product.plans.push({
      id: unique(ids.planIds, () => rng.int(100_000, 9_999_999)),
      code: unique(ids.planCodes, () => rng.chars(8, LOWER_ALNUM)),
      name,
      description: `Plano ${PLAN_NAMES[periodicity].toLowerCase()} de ${product.name}`,
      price,
      currency: "BRL",
      periodicity,
      recurrencyPeriod: PERIOD_DAYS[periodicity],
      maxChargeCycles: rng.chance(0.5) ? undefined : rng.pick([6, 12, 24]),
      maxInstallments: periodicity === "ANNUAL" ? 12 : periodicity === "BIANNUAL" ? 6 : 1,
      paymentMode: "ASSINATURA",
      trialDays: options.trialOn === periodicity ? 7 : undefined,
      isSubscriptionRecoveryEnabled: rng.chance(0.5),
      isSwitchPlanEnabled: rng.chance(0.7),
      offer,
      listed: true,
    });
  }
}

/** The hidden plan behind a Smart Installment or Smart Recovery billing of a one-off offer. */
export function smartPlan(
  rng: Rng,
  product: Product,
  offer: Offer,
  smart: "SMART_INSTALLMENT" | "SMART_RECOVERY",
): Plan {
  const cycles = rng.pick([3, 6, 10, 12]);
  const price = round2(offer.price / cycles);
  return {
    id: rng.int(10_000_000, 99_999_999),
    code: rng.chars(8, LOWER_ALNUM),
    name: smart === "SMART_INSTALLMENT" ? `Parcelamento Inteligente ${cycles}x` : `Smart Recovery ${cycles}x`,
    description: product.name,
    price,
    currency: offer.currency,
    periodicity: "MONTHLY",
    recurrencyPeriod: 30,
    maxChargeCycles: cycles,
    maxInstallments: 1,
    paymentMode: "SMART_INSTALLMENT",
    trialDays: undefined,
    isSubscriptionRecoveryEnabled: false,
    isSwitchPlanEnabled: false,
    offer,
    listed: false,
  };
}

export function slug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
