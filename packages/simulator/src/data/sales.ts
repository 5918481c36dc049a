import { DAY, HOUR } from "../time";
import { FX_TO_BRL, round2 } from "./catalog";
import { PAYMENT_METHODS, type PaymentType, type PurchaseStatus, REFUSAL_MESSAGES } from "./enums";
import type { CashPayment, Coupon, Offer, Person, Product, Sale, Subscription } from "./model";
import { type Rng, unique } from "./rng";

const SECOND = 1000;

export const PAID: ReadonlySet<PurchaseStatus> = new Set(["APPROVED", "COMPLETE"]);
/** Statuses of a sale that was paid at some point (so it has an approved date and a warranty). */
const WAS_PAID: ReadonlySet<PurchaseStatus> = new Set([
  "APPROVED",
  "COMPLETE",
  "REFUNDED",
  "CHARGEBACK",
  "PARTIALLY_REFUNDED",
  "PROTESTED",
]);
/** Statuses that only make sense for a recent order (a boleto not yet due, a Pix not yet paid). */
const PENDING: ReadonlySet<PurchaseStatus> = new Set([
  "PRINTED_BILLET",
  "WAITING_PAYMENT",
  "STARTED",
  "PROCESSING_TRANSACTION",
  "UNDER_ANALISYS",
  "PRE_ORDER",
]);

const ONE_OFF_STATUS: readonly (readonly [PurchaseStatus, number])[] = [
  ["APPROVED", 78],
  ["REFUNDED", 5],
  ["CHARGEBACK", 1],
  ["PARTIALLY_REFUNDED", 0.7],
  ["PROTESTED", 1],
  ["CANCELLED", 4],
  ["NO_FUNDS", 1.5],
  ["EXPIRED", 3],
  ["PRINTED_BILLET", 1.2],
  ["WAITING_PAYMENT", 1.2],
  ["STARTED", 0.5],
  ["UNDER_ANALISYS", 0.6],
  ["BLOCKED", 0.4],
  ["OVERDUE", 0.3],
  ["PRE_ORDER", 0.3],
  ["PROCESSING_TRANSACTION", 0.3],
];

const BR_PAYMENT: readonly (readonly [PaymentType, number])[] = [
  ["CREDIT_CARD", 52],
  ["PIX", 26],
  ["BILLET", 10],
  ["PAYPAL", 2],
  ["GOOGLE_PAY", 2],
  ["PICPAY", 2],
  ["WALLET", 1],
  ["HOTCARD", 1],
  ["FINANCED_BILLET", 1],
  ["SAMSUNG_PAY", 0.5],
  ["HYBRID", 0.5],
  ["MANUAL_TRANSFER", 0.5],
];

const FOREIGN_PAYMENT: Record<string, readonly (readonly [PaymentType, number])[]> = {
  EUR: [
    ["CREDIT_CARD", 55],
    ["PAYPAL", 15],
    ["DIRECT_DEBIT", 8],
    ["DIRECT_BANK_TRANSFER", 6],
    ["FINANCED_INSTALLMENT", 4],
    ["GOOGLE_PAY", 5],
  ],
  OTHER: [
    ["CREDIT_CARD", 60],
    ["PAYPAL", 12],
    ["PAYPAL_INTERNACIONAL", 6],
    ["CASH_PAYMENT", 12],
    ["GOOGLE_PAY", 5],
  ],
};

const INSTALLMENTS: readonly (readonly [number, number])[] = [
  [1, 50],
  [2, 5],
  [3, 10],
  [4, 3],
  [6, 8],
  [10, 6],
  [12, 15],
];

const VAT: Record<string, number> = { PT: 0.23, ES: 0.21, MX: 0.16 };

const SOURCES = ["instagram", "facebook", "youtube", "google", "email", "tiktok", "whatsapp", "blog"];
const SCKS = ["landing-a", "landing-b", "checkout-1", "vsl", "bio-link", "HOTMART_PRODUCT_PAGE"];
const XCODS = ["camp01", "camp02", "lanc2026", "bf-2026", "remarketing"];

export interface SaleSpec {
  product: Product;
  offer: Offer;
  buyer: Person;
  orderDate: number;
  /** Drawn from the one-off distribution when absent. */
  status?: PurchaseStatus;
  paymentType?: PaymentType;
  /** Overrides the offer price (a plan's price per recurrence, a negotiation total). */
  price?: number;
  /** Pays in the offer currency, never converted (recurring charges of a plan). */
  noConversion?: boolean;
  subscription?: Subscription;
  recurrencyNumber?: number;
  transactionSequence?: number;
  transactionType?: Sale["transactionType"];
  numberList?: string;
  trial?: boolean;
  /** The sale is created by a write: no coupon, no affiliate, no tracking drawn. */
  plain?: boolean;
  affiliate?: Person | undefined;
  trackingSource?: string;
}

/** Builds sales with consistent prices, fees, commissions and dates. */
export class SaleFactory {
  readonly #rng: Rng;
  readonly #now: () => number;
  readonly #affiliates: readonly Person[];
  readonly #account: Person;
  readonly #coupons: ReadonlyMap<number, readonly Coupon[]>;
  /** Codes drawn during generation; afterwards the dataset's own index answers (see `lookupWith`). */
  #transactions: Set<string> | undefined = new Set<string>();
  #exists: (code: string) => boolean = () => false;

  constructor(
    rng: Rng,
    now: () => number,
    account: Person,
    affiliates: readonly Person[],
    coupons: ReadonlyMap<number, readonly Coupon[]>,
  ) {
    this.#rng = rng;
    this.#now = now;
    this.#account = account;
    this.#affiliates = affiliates;
    this.#coupons = coupons;
  }

  transactionCode(): string {
    const rng = this.#rng;
    const draw = () => `HP${rng.int(1, 9)}${rng.digits(rng.pick([10, 13]))}`;
    if (this.#transactions) return unique(this.#transactions, draw);
    for (;;) {
      const code = draw();
      if (!this.#exists(code)) return code;
    }
  }

  /** Frees the generation-time set of codes: from now on uniqueness is checked against the dataset's index. */
  lookupWith(exists: (code: string) => boolean): void {
    this.#transactions = undefined;
    this.#exists = exists;
  }

  paymentTypeFor(buyer: Person): PaymentType {
    if (buyer.currency === "BRL") return this.#rng.weighted(BR_PAYMENT);
    return this.#rng.weighted(FOREIGN_PAYMENT[buyer.currency === "EUR" ? "EUR" : "OTHER"] ?? BR_PAYMENT);
  }

  create(spec: SaleSpec): Sale {
    const rng = this.#rng;
    const now = this.#now();
    const { product, offer, buyer } = spec;
    const paymentType = spec.paymentType ?? this.paymentTypeFor(buyer);
    let status = spec.status ?? rng.weighted(ONE_OFF_STATUS);
    const cashLike = paymentType === "BILLET" || paymentType === "PIX" || paymentType === "CASH_PAYMENT";
    if (status === "EXPIRED" && !cashLike) status = "CANCELLED";
    if ((status === "PRINTED_BILLET" || status === "WAITING_PAYMENT") && !cashLike) status = "STARTED";
    if (status === "PRINTED_BILLET" && paymentType !== "BILLET") status = "WAITING_PAYMENT";
    let orderDate = spec.orderDate;
    if (spec.status === undefined && PENDING.has(status)) orderDate = now - rng.int(0, 3 * DAY);

    const convert =
      !spec.noConversion && offer.isCurrencyConversionEnabled && buyer.currency !== offer.currency;
    const currency = convert ? buyer.currency : offer.currency;
    const conversionRate = convert
      ? Math.round(((FX_TO_BRL[offer.currency] ?? 1) / (FX_TO_BRL[buyer.currency] ?? 1)) * 10_000) / 10_000
      : 1;
    const coupons = spec.plain ? undefined : this.#coupons.get(product.id);
    const coupon = coupons && coupons.length > 0 && rng.chance(0.12) ? rng.pick(coupons) : undefined;
    const listPrice = (spec.price ?? offer.price) * conversionRate;
    const base = round2(listPrice * (1 - (coupon?.discount ?? 0)));
    const installments =
      paymentType === "CREDIT_CARD" && ["BRL", "MXN", "COP"].includes(currency) && !spec.subscription
        ? rng.weighted(INSTALLMENTS)
        : 1;
    const interest = installments > 1 ? round2(base * 0.0299 * (installments - 1)) : 0;
    const vat = round2(base * (VAT[buyer.address.countryIso] ?? 0));
    const feePercentage = 9.9;
    const fee = hotmartFee(base, feePercentage, currency === "BRL" ? 1 : 0.5);
    const feeFixed = fee.fixed;
    const feeTotal = fee.total;

    const paid = WAS_PAID.has(status);
    let approvedDate: number | undefined;
    if (paid) {
      const delay =
        paymentType === "BILLET"
          ? rng.int(1, 3) * DAY + rng.int(0, 8 * HOUR)
          : paymentType === "PIX"
            ? rng.int(30, 7200) * SECOND
            : rng.int(5, 120) * SECOND;
      approvedDate = Math.min(orderDate + delay, now);
    }
    const warrantyEnd = (approvedDate ?? orderDate) + product.warrantyDays * DAY;
    if (status === "APPROVED" && warrantyEnd < now) status = "COMPLETE";
    const refundDate =
      status === "REFUNDED" || status === "CHARGEBACK" || status === "PARTIALLY_REFUNDED"
        ? Math.min((approvedDate ?? orderDate) + rng.int(1, product.warrantyDays) * DAY, now)
        : undefined;

    let affiliate: Person | undefined;
    if (product.role === "AFFILIATE") affiliate = this.#account;
    else if ("affiliate" in spec) affiliate = spec.affiliate;
    else if (!spec.plain && rng.chance(0.2)) affiliate = rng.pick(this.#affiliates);

    const trackingSource =
      spec.trackingSource ?? (!spec.plain && rng.chance(0.5) ? rng.pick(SOURCES) : undefined);
    const trackingSck = !spec.plain && rng.chance(0.4) ? rng.pick(SCKS) : undefined;
    const trackingXcod = !spec.plain && rng.chance(0.15) ? rng.pick(XCODS) : undefined;

    const total = round2(base + vat + interest);
    const cash =
      (status === "PRINTED_BILLET" || status === "WAITING_PAYMENT") &&
      (paymentType === "BILLET" || paymentType === "PIX")
        ? this.cashPayment(paymentType, orderDate, total)
        : undefined;

    return {
      transaction: this.transactionCode(),
      product,
      offer,
      buyer,
      status,
      orderDate,
      approvedDate,
      paymentType,
      paymentMethod: rng.pick(PAYMENT_METHODS[paymentType]),
      installments,
      currency,
      base,
      vat,
      interest,
      total,
      conversionRate,
      feePercentage,
      feeFixed,
      feeTotal,
      couponCode: coupon?.code,
      couponDiscount: coupon?.discount,
      commissionAs: product.role,
      affiliate,
      trackingSource,
      trackingSck,
      trackingXcod,
      subscription: spec.subscription,
      recurrencyNumber: spec.recurrencyNumber ?? 1,
      transactionSequence: spec.transactionSequence ?? 1,
      transactionType: spec.transactionType ?? "AUTOMATIC",
      numberList: spec.numberList ?? "",
      trial: spec.trial ?? false,
      refusalMessage:
        status === "CANCELLED" || status === "NO_FUNDS"
          ? status === "NO_FUNDS"
            ? "INSUFFICIENT FUNDS"
            : rng.pick(REFUSAL_MESSAGES)
          : undefined,
      refundDate,
      cash,
      ticketAmount:
        product.format === "ETICKET"
          ? rng.weighted([
              [1, 80],
              [2, 15],
              [3, 5],
            ])
          : 0,
    };
  }

  /** Pix or boleto data that look like the real thing (a BR Code with a valid CRC, a 47-digit line). */
  cashPayment(type: PaymentType, from: number, amount: number): CashPayment {
    return cashPaymentFrom(this.#rng, type, from, amount);
  }
}

/** A boleto (type BILLET) or else a Pix code issued at `from` for `amount`, drawn from `rng`. */
export function cashPaymentFrom(rng: Rng, type: PaymentType, from: number, amount: number): CashPayment {
  if (type === "BILLET") {
    const hash = rng.chars(32, "0123456789abcdef");
    return {
      expirationDate: from + 3 * DAY,
      billetUrl: `https://billet.hotmart.example/billet/${hash}`,
      billetBarcode: `23793${rng.digits(42)}`,
    };
  }
  const txid = rng.chars(25, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
  return {
    expirationDate: from + DAY,
    pixCode: pixBrCode(txid, amount),
    pixQrcode: `https://pix.hotmart.example/qr?hash=${txid.toLowerCase()}`,
  };
}

/** An EMV "copia e cola" payload with a correct CRC16, so Pix parsers accept it. */
function pixBrCode(txid: string, amount: number): string {
  const field = (id: string, value: string) => `${id}${String(value.length).padStart(2, "0")}${value}`;
  const account = field("00", "br.gov.bcb.pix") + field("25", `pix.hotmart.example/qr/v2/${txid}`);
  const payload =
    field("00", "01") +
    field("01", "12") +
    field("26", account) +
    field("52", "0000") +
    field("53", "986") +
    field("54", amount.toFixed(2)) +
    field("58", "BR") +
    field("59", "HOTMART") +
    field("60", "BELO HORIZONTE") +
    field("62", field("05", "***")) +
    "6304";
  return payload + crc16(payload);
}

function crc16(text: string): string {
  let crc = 0xffff;
  for (let i = 0; i < text.length; i++) {
    crc ^= text.charCodeAt(i) << 8;
    for (let b = 0; b < 8; b++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, "0");
}

/**
 * Hotmart's fee on `base`: `percentage` of it plus a fixed part, as `hotmart_fee` gives it (§8.1 S1:
 * `total` = `base` × `percentage` / 100 + `fixed`, to the cent, as in the real captures).
 *
 * Never more than the base: on a charge smaller than the fixed part (a 0.42 Smart Installment
 * instalment with a coupon, a negotiation discounted to a few cents) the full fee left the commission
 * entries adding up to more than the price they split. The notes do not say how Hotmart spells such a
 * fee; the simulator keeps the percentage (the rate of the sale) and lowers the fixed part to what the
 * base leaves after it, so the parts still add up to the total it shows.
 */
export function hotmartFee(
  base: number,
  percentage: number,
  fixed: number,
): { total: number; fixed: number } {
  if (base <= 0) return { total: 0, fixed: 0 };
  const share = (base * percentage) / 100;
  const full = round2(share + fixed);
  if (full <= base) return { total: full, fixed };
  return { total: base, fixed: round2(base - share) };
}

export interface CommissionSplit {
  marketplace: number;
  producer: number;
  coproducer: number | undefined;
  affiliate: number | undefined;
}

/**
 * How a sale's base price is shared: Hotmart's fee first (the MARKETPLACE entry, equal to
 * `hotmart_fee.total`), then the affiliate's 40 % and the co-producer's 30 % of what is left; the
 * producer keeps the rest. The entries add up to `base`.
 */
export function commissionSplit(sale: Sale): CommissionSplit {
  const net = Math.max(0, round2(sale.base - sale.feeTotal));
  const affiliate = sale.affiliate ? round2(net * 0.4) : undefined;
  const coproducer = sale.product.coproducer ? round2((net - (affiliate ?? 0)) * 0.3) : undefined;
  return {
    marketplace: sale.feeTotal,
    producer: round2(net - (affiliate ?? 0) - (coproducer ?? 0)),
    coproducer,
    affiliate,
  };
}

/** The commission of the authenticated account (the role it played): what the sales summary totals. */
export function accountCommission(sale: Sale): number {
  const split = commissionSplit(sale);
  if (sale.commissionAs === "AFFILIATE") return split.affiliate ?? 0;
  if (sale.commissionAs === "COPRODUCER") return split.coproducer ?? 0;
  return split.producer;
}

export function warrantyExpireDate(sale: Sale): number {
  return (sale.approvedDate ?? sale.orderDate) + sale.product.warrantyDays * DAY;
}
