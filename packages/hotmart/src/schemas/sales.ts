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

export const SalesUserRefSchema = loose({ name: str, ucode: str });

// ---------------------------------------------------------------------------------------------------
// S1. history
// ---------------------------------------------------------------------------------------------------

export const SalesHistoryBuyerSchema = loose({ name: optStr, ucode: optStr, email: optStr });

export const SalesHistoryPaymentSchema = loose({
  method: PaymentMethodSchema,
  installments_number: num,
  type: PaymentTypeSchema,
});

export const SalesHistoryTrackingSchema = loose({
  source: optStr,
  source_sck: optStr,
  external_code: optStr,
});

export const SalesHistoryOfferSchema = loose({ payment_mode: OfferPaymentModeSchema, code: str });

export const SalesHotmartFeeSchema = loose({
  total: num,
  fixed: num,
  base: num,
  percentage: num,
  currency_code: str,
});

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

export const SalesHistoryItemSchema = loose({
  product: ProductRefSchema,
  buyer: SalesHistoryBuyerSchema.exactOptional(),
  producer: SalesUserRefSchema,
  purchase: SalesHistoryPurchaseSchema,
});

export const SalesHistoryPageSchema: PageSchema<typeof SalesHistoryItemSchema> = page(SalesHistoryItemSchema);

// ---------------------------------------------------------------------------------------------------
// S2. summary
// ---------------------------------------------------------------------------------------------------

export const SalesSummaryItemSchema = loose({ total_items: num, total_value: MoneySchema });

export const SalesSummaryPageSchema: PageSchema<typeof SalesSummaryItemSchema> = page(SalesSummaryItemSchema);

// ---------------------------------------------------------------------------------------------------
// S3. participants (/sales/users)
// ---------------------------------------------------------------------------------------------------

export const SalesParticipantDocumentSchema = loose({ value: str, type: DocumentTypeSchema });

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

export const SalesParticipantSchema = loose({
  role: ParticipantRoleSchema,
  user: SalesParticipantUserSchema,
});

export const SalesParticipantsItemSchema = loose({
  transaction: str,
  product: ProductRefSchema,
  users: z.array(SalesParticipantSchema),
});

export const SalesParticipantsPageSchema: PageSchema<typeof SalesParticipantsItemSchema> =
  page(SalesParticipantsItemSchema);

// ---------------------------------------------------------------------------------------------------
// S4. commissions
// ---------------------------------------------------------------------------------------------------

/** Note `currency_value`, not `currency_code`, on this endpoint. */
export const CommissionMoneySchema = loose({ value: num, currency_value: str });

export const SalesCommissionSchema = loose({
  commission: CommissionMoneySchema,
  user: SalesUserRefSchema,
  source: CommissionSourceSchema,
});

export const SalesCommissionsItemSchema = loose({
  transaction: str,
  product: ProductRefSchema,
  exchange_rate_currency_payout: num,
  commissions: z.array(SalesCommissionSchema),
});

export const SalesCommissionsPageSchema: PageSchema<typeof SalesCommissionsItemSchema> =
  page(SalesCommissionsItemSchema);

// ---------------------------------------------------------------------------------------------------
// S5. price details
// ---------------------------------------------------------------------------------------------------

/** `value` is documented as a fraction but the example shows 22.9: no range is checked. */
export const SalesPriceCouponSchema = loose({ code: str, value: num });

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

export const SalesPriceDetailsPageSchema: PageSchema<typeof SalesPriceDetailsItemSchema> =
  page(SalesPriceDetailsItemSchema);
