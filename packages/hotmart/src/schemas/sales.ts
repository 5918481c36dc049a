/** Schemas of the sales reports (resources/sales.ts, docs/api-notes.md §8.1). */
import { z } from "zod";
import {
  CommissionAsSchema,
  CommissionSourceSchema,
  DocumentTypeSchema,
  OfferPaymentModeSchema,
  ParticipantRoleSchema,
  PaymentMethodSchema,
  PaymentTypeSchema,
  PurchaseStatusSchema,
} from "./enums";
import {
  bool,
  loose,
  MoneySchema,
  num,
  optNum,
  optStr,
  type PageSchema,
  ProductRefSchema,
  page,
  str,
} from "./shared";

/**
 * `SalesUserRef`: a person named in the sales reports (the producer in `sales.history`, a commission's
 * `user`): `name` and Hotmart user id `ucode`.
 */
export const SalesUserRefSchema = loose({ name: str, ucode: str });

// ---------------------------------------------------------------------------------------------------
// S1. history
// ---------------------------------------------------------------------------------------------------

/** `SalesHistoryBuyer`: the buyer of a `sales.history` item (`name`, `ucode`, `email`, each optional). */
export const SalesHistoryBuyerSchema = loose({ name: optStr, ucode: optStr, email: optStr });

/**
 * `SalesHistoryPayment`: a sale's payment in `sales.history`: precise `method` (e.g. `CREDIT_CARD_VISA`),
 * broad `type` (`PIX`, `BILLET`, ...) and `installments_number`.
 */
export const SalesHistoryPaymentSchema = loose({
  method: PaymentMethodSchema,
  installments_number: num,
  type: PaymentTypeSchema,
});

/**
 * `SalesHistoryTracking`: the checkout link's tracking codes in `sales.history` (`source` = `src`,
 * `source_sck` = `sck`, `external_code` = `xcod`), each optional.
 */
export const SalesHistoryTrackingSchema = loose({
  source: optStr,
  source_sck: optStr,
  external_code: optStr,
});

/** `SalesHistoryOffer`: the offer sold in `sales.history`: its `code` and English `payment_mode`. */
export const SalesHistoryOfferSchema = loose({ payment_mode: OfferPaymentModeSchema, code: str });

/**
 * `SalesHotmartFee`: Hotmart's fee on a sale in `sales.history`, in the sale currency (`total`, `fixed`,
 * `base`, `percentage` as e.g. `9.9` for 9.9 %, `currency_code`).
 */
export const SalesHotmartFeeSchema = loose({
  total: num,
  fixed: num,
  base: num,
  percentage: num,
  currency_code: str,
});

/**
 * `SalesHistoryPurchase`: the purchase of a `sales.history` item: transaction, status, dates (epoch ms),
 * price, payment, offer, fee.
 */
export const SalesHistoryPurchaseSchema = loose({
  transaction: str,
  order_date: num,
  approved_date: optNum,
  status: PurchaseStatusSchema,
  recurrency_number: num,
  is_subscription: bool,
  commission_as: CommissionAsSchema,
  price: MoneySchema,
  payment: SalesHistoryPaymentSchema,
  tracking: SalesHistoryTrackingSchema.exactOptional(),
  warranty_expire_date: num,
  offer: SalesHistoryOfferSchema,
  hotmart_fee: SalesHotmartFeeSchema,
});

/**
 * `SalesHistoryItem`: one sale of `sales.history` (GET /payments/api/v1/sales/history): product, buyer,
 * producer and purchase.
 */
export const SalesHistoryItemSchema = loose({
  product: ProductRefSchema,
  buyer: SalesHistoryBuyerSchema.exactOptional(),
  producer: SalesUserRefSchema,
  purchase: SalesHistoryPurchaseSchema,
});

/**
 * `SalesHistoryPage`: the body of `sales.history`, `{ items, page_info }`; the schema `validate` checks it
 * against.
 */
export const SalesHistoryPageSchema: PageSchema<typeof SalesHistoryItemSchema> = page(SalesHistoryItemSchema);

// ---------------------------------------------------------------------------------------------------
// S2. summary
// ---------------------------------------------------------------------------------------------------

/**
 * `SalesSummaryItem`: commission totals in one currency (`sales.summary`): `total_items` and `total_value`.
 */
export const SalesSummaryItemSchema = loose({ total_items: num, total_value: MoneySchema });

/**
 * `SalesSummaryPage`: the body of `sales.summary` (GET /payments/api/v1/sales/summary): `items`, one per
 * currency, and `page_info`.
 */
export const SalesSummaryPageSchema: PageSchema<typeof SalesSummaryItemSchema> = page(SalesSummaryItemSchema);

// ---------------------------------------------------------------------------------------------------
// S3. participants (/sales/users)
// ---------------------------------------------------------------------------------------------------

/**
 * `SalesParticipantDocument`: one document of a sale participant: `value` and `type` (`CPF`, `CNPJ`, ...).
 */
export const SalesParticipantDocumentSchema = loose({ value: str, type: DocumentTypeSchema });

/**
 * `SalesParticipantAddress`: a sale participant's address in `sales.participants`; every field an optional
 * string.
 */
export const SalesParticipantAddressSchema = loose({
  city: optStr,
  state: optStr,
  country: optStr,
  zip_code: optStr,
  address: optStr,
  complement: optStr,
  neighborhood: optStr,
  number: optStr,
});

/**
 * `SalesParticipantUser`: the person behind a sale participant: Hotmart id `ucode`, name, e-mail, phones,
 * documents, address.
 */
export const SalesParticipantUserSchema = loose({
  ucode: str,
  locale: optStr,
  name: str,
  trade_name: optStr,
  cellphone: optStr,
  phone: optStr,
  email: str,
  documents: z.array(SalesParticipantDocumentSchema),
  address: SalesParticipantAddressSchema,
});

/**
 * `SalesParticipant`: one entry of a sale's `users`: its `role` (`BUYER`, `PRODUCER`, ...) and the `user`.
 */
export const SalesParticipantSchema = loose({
  role: ParticipantRoleSchema,
  user: SalesParticipantUserSchema,
});

/**
 * `SalesParticipantsItem`: everyone involved in one sale (`sales.participants`, GET
 * /payments/api/v1/sales/users).
 */
export const SalesParticipantsItemSchema = loose({
  transaction: str,
  product: ProductRefSchema,
  users: z.array(SalesParticipantSchema),
});

/** `SalesParticipantsPage`: the body of `sales.participants`, `{ items, page_info }`. */
export const SalesParticipantsPageSchema: PageSchema<typeof SalesParticipantsItemSchema> =
  page(SalesParticipantsItemSchema);

// ---------------------------------------------------------------------------------------------------
// S4. commissions
// ---------------------------------------------------------------------------------------------------

/** Note `currency_value`, not `currency_code`, on this endpoint. */
export const CommissionMoneySchema = loose({ value: num, currency_value: str });

/**
 * `SalesCommission`: what one participant earns from a sale (`sales.commissions`): amount, user and `source`.
 */
export const SalesCommissionSchema = loose({
  commission: CommissionMoneySchema,
  user: SalesUserRefSchema,
  source: CommissionSourceSchema,
});

/**
 * `SalesCommissionsItem`: the commissions of one sale (`sales.commissions`, GET
 * /payments/api/v1/sales/commissions).
 */
export const SalesCommissionsItemSchema = loose({
  transaction: str,
  product: ProductRefSchema,
  exchange_rate_currency_payout: num,
  commissions: z.array(SalesCommissionSchema),
});

/** `SalesCommissionsPage`: the body of `sales.commissions`, `{ items, page_info }`. */
export const SalesCommissionsPageSchema: PageSchema<typeof SalesCommissionsItemSchema> =
  page(SalesCommissionsItemSchema);

// ---------------------------------------------------------------------------------------------------
// S5. price details
// ---------------------------------------------------------------------------------------------------

/** `value` is documented as a fraction but the example shows 22.9: no range is checked. */
export const SalesPriceCouponSchema = loose({ code: str, value: num });

/**
 * `SalesPriceDetailsItem`: the price breakdown of one purchase (`sales.priceDetails`, GET
 * /payments/api/v1/sales/price/details): base, VAT, fee, total, coupon.
 */
export const SalesPriceDetailsItemSchema = loose({
  transaction: str,
  product: ProductRefSchema,
  base: MoneySchema,
  total: MoneySchema,
  vat: MoneySchema,
  fee: MoneySchema,
  coupon: SalesPriceCouponSchema.exactOptional(),
  real_conversion_rate: num,
});

/** `SalesPriceDetailsPage`: the body of `sales.priceDetails`, `{ items, page_info }`. */
export const SalesPriceDetailsPageSchema: PageSchema<typeof SalesPriceDetailsItemSchema> =
  page(SalesPriceDetailsItemSchema);
