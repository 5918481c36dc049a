import {
  BILLING_TYPE_VALUES,
  COMMISSION_AS_VALUES,
  PAYMENT_TYPE_VALUES,
  PRODUCT_FORMAT_VALUES,
  PRODUCT_STATUS_VALUES,
  PURCHASE_STATUS_VALUES,
  RECURRENCY_STATUS_VALUES,
  SALES_STATUS_VALUES,
  SUBSCRIPTION_STATUS_VALUES,
} from "hotmart";

/**
 * Every SDK method as a command, from this one table: `hotmart <resource> <command> [args] [--flags]`.
 * Flags are the method's params (snake_case fields become --kebab-case flags); the program builder in
 * commands/methods.ts turns each row into a commander command, so a new SDK method is one new row.
 */

/** How a flag's text becomes the value the SDK takes. */
export type ParamType = "string" | "number" | "boolean" | "date" | "list" | "numbers";

export interface ParamSpec {
  /** The SDK's field name (snake_case, as on the wire); the flag is its kebab-case. */
  name: string;
  type: ParamType;
  description: string;
  required?: boolean;
  /** Documented values (enums are open: other values are sent as they are). */
  values?: readonly (string | number)[];
}

export interface ArgSpec {
  name: string;
  /** `list`: one or more values (variadic, last argument only). */
  type: "string" | "number" | "list";
  description: string;
}

export interface MethodSpec {
  /** CLI noun and SDK resource field: `client[resource]`. */
  resource: "sales" | "subscriptions" | "products" | "coupons" | "club" | "events" | "negotiation";
  /** SDK method name; the command is its kebab-case (`priceDetails` -> `price-details`). */
  method: string;
  summary: string;
  /** list: paginated (`--all`, `--limit`, page flags); read: one answer; write: changes data (asks first). */
  kind: "list" | "read" | "write";
  args: readonly ArgSpec[];
  /** The method's params object; absent when the method takes none. */
  params?: readonly ParamSpec[];
  /** Columns of the terminal table (all columns in TSV and JSON). */
  columns?: readonly string[];
  example: string;
}

const date = (name: string, description: string): ParamSpec => ({ name, type: "date", description });
const str = (name: string, description: string, values?: readonly string[]): ParamSpec =>
  values ? { name, type: "string", description, values } : { name, type: "string", description };
const num = (name: string, description: string): ParamSpec => ({ name, type: "number", description });

const productId = num("product_id", "numeric product id");
const salesCommon: ParamSpec[] = [
  productId,
  date("start_date", "period start (YYYY-MM-DD: from its 00:00, Brasília time; ISO date-time or epoch ms)"),
  date("end_date", "period end (YYYY-MM-DD: the whole day, Brasília time; ISO date-time or epoch ms)"),
  str("transaction", "a transaction code (HP...), found whatever its status"),
  // Hotmart's 17 sale statuses: DELAYED and UNDER_ANALYSIS are subscription charges' (--purchase-status).
  str("transaction_status", "one status (default: APPROVED and COMPLETE only)", SALES_STATUS_VALUES),
];
const paymentType = str("payment_type", "payment type", PAYMENT_TYPE_VALUES);
const commissionAs = str("commission_as", "role of your account in the sale", COMMISSION_AS_VALUES);
const subscriber = { name: "subscriber_code", type: "string", description: "subscriber code" } as const;
const subscribers = {
  name: "subscriber_codes",
  type: "list",
  description: "one or more subscriber codes",
} as const;
const subdomain = { name: "subdomain", type: "string", description: "the Club's subdomain" } as const;

export const METHODS: readonly MethodSpec[] = [
  {
    resource: "sales",
    method: "history",
    summary: "Sales, one row per transaction",
    kind: "list",
    args: [],
    params: [
      ...salesCommon,
      str("sales_source", "the src tracking code of the payment link"),
      str("buyer_name", "buyer name"),
      str("buyer_email", "buyer e-mail"),
      paymentType,
      str("offer_code", "offer code"),
      commissionAs,
    ],
    columns: [
      "purchase.transaction",
      "purchase.status",
      "purchase.order_date",
      "product.name",
      "buyer.email",
      "purchase.price.value",
      "purchase.price.currency_code",
      "purchase.payment.type",
    ],
    example: "hotmart sales history --buyer-email anajulia.moraes@example.org --transaction-status REFUNDED",
  },
  {
    resource: "sales",
    method: "summary",
    summary: "Commission totals per currency",
    kind: "list",
    args: [],
    params: [
      ...salesCommon,
      str("sales_source", "the src tracking code"),
      str("affiliate_name", "affiliate name"),
      paymentType,
      str("offer_code", "offer code"),
    ],
    example: "hotmart sales summary --start-date 2025-01-01 --end-date 2025-12-31",
  },
  {
    resource: "sales",
    method: "participants",
    summary: "Buyer, producer, co-producer and affiliate details per sale",
    kind: "list",
    args: [],
    params: [
      ...salesCommon,
      str("buyer_email", "buyer e-mail"),
      str("sales_source", "the src tracking code"),
      str("buyer_name", "buyer name"),
      str("affiliate_name", "affiliate name"),
      commissionAs,
    ],
    example: "hotmart sales participants --transaction HP19422031214",
  },
  {
    resource: "sales",
    method: "commissions",
    summary: "Commission per participant per sale (PRODUCER = your net revenue)",
    kind: "list",
    args: [],
    params: [...salesCommon, commissionAs],
    example: "hotmart sales commissions --start-date 2025-06-01 --json",
  },
  {
    resource: "sales",
    method: "priceDetails",
    summary: "Price breakdown: base, total, VAT, interest, coupon, conversion rate",
    kind: "list",
    args: [],
    params: [...salesCommon, paymentType],
    example: "hotmart sales price-details --transaction HP19422031214",
  },
  {
    resource: "sales",
    method: "refund",
    summary: "Refunds a sale (within its warranty)",
    kind: "write",
    args: [{ name: "transaction", type: "string", description: "transaction code (HP...)" }],
    example: "hotmart sales refund HP19422031214 --yes",
  },
  {
    resource: "subscriptions",
    method: "list",
    summary: "Subscriptions and subscribers, in real time",
    kind: "list",
    args: [],
    params: [
      productId,
      {
        name: "plan",
        type: "list",
        description:
          'plan name(s), comma-separated or the flag again; a comma inside a name is \\, ("Gold\\, yearly")',
      },
      num("plan_id", "plan id"),
      date("accession_date", "subscribed from"),
      date("end_accession_date", "subscribed until"),
      {
        name: "status",
        type: "list",
        description: "status(es), comma-separated",
        values: SUBSCRIPTION_STATUS_VALUES,
      },
      str("subscriber_code", "subscriber code"),
      str("subscriber_email", "subscriber e-mail"),
      str("transaction", "transaction of the first charge"),
      { name: "trial", type: "boolean", description: "only (true) or no (false) trials" },
      date("cancelation_date", "cancelled from"),
      date("end_cancelation_date", "cancelled until"),
      date("date_next_charge", "next charge from"),
      date("end_date_next_charge", "next charge until"),
    ],
    columns: [
      "subscriber_code",
      "status",
      "subscriber.email",
      "product.name",
      "plan.name",
      "accession_date",
      "date_next_charge",
      "price.value",
    ],
    example: "hotmart subscriptions list --status ACTIVE,DELAYED --all",
  },
  {
    resource: "subscriptions",
    method: "summary",
    summary: "One row per subscription with its last recurrence",
    kind: "list",
    args: [],
    params: [
      productId,
      str("subscriber_code", "subscriber code"),
      date("accession_date", "subscribed from"),
      date("end_accession_date", "subscribed until"),
      date("date_next_charge", "next charge from"),
    ],
    example: "hotmart subscriptions summary --product-id 4710742",
  },
  {
    resource: "subscriptions",
    method: "transactions",
    summary: "Every charge of subscriptions",
    kind: "list",
    args: [],
    params: [
      productId,
      str("transaction", "transaction code"),
      str("subscriber_name", "subscriber name"),
      str("subscriber_email", "subscriber e-mail"),
      str("subscriber_code", "subscriber code"),
      str("billing_type", "billing type", BILLING_TYPE_VALUES),
      str("subscription_status", "subscription status", SUBSCRIPTION_STATUS_VALUES),
      str("recurrency_status", "recurrence status", RECURRENCY_STATUS_VALUES),
      str("purchase_status", "purchase status", PURCHASE_STATUS_VALUES),
      date("transaction_date", "charged from"),
      date("end_transaction_date", "charged until"),
      str("offer_code", "offer code"),
      str("purchase_payment_type", "payment type", PAYMENT_TYPE_VALUES),
    ],
    example: "hotmart subscriptions transactions --subscriber-code CJERFXPD",
  },
  {
    resource: "subscriptions",
    method: "purchases",
    summary: "Every recurrence payment of one subscription",
    kind: "read",
    args: [subscriber],
    example: "hotmart subscriptions purchases B2HNQAXJ",
  },
  {
    resource: "subscriptions",
    method: "cancel",
    summary: "Cancels one or more subscriptions",
    kind: "write",
    args: [subscribers],
    params: [{ name: "send_mail", type: "boolean", description: "e-mail the subscriber about it" }],
    example: "hotmart subscriptions cancel B2HNQAXJ CJERFXPD --send-mail --yes",
  },
  {
    resource: "subscriptions",
    method: "cancelSingle",
    summary: "Cancels one subscription",
    kind: "write",
    args: [subscriber],
    params: [{ name: "send_mail", type: "boolean", description: "e-mail the subscriber about it" }],
    example: "hotmart subscriptions cancel-single B2HNQAXJ",
  },
  {
    resource: "subscriptions",
    method: "reactivate",
    summary: "Reactivates inactive subscriptions (each subscriber accepts by e-mail)",
    kind: "write",
    args: [subscribers],
    params: [{ name: "charge", type: "boolean", description: "charge the subscriber now" }],
    example: "hotmart subscriptions reactivate B2HNQAXJ --charge",
  },
  {
    resource: "subscriptions",
    method: "reactivateSingle",
    summary: "Reactivates one inactive subscription",
    kind: "write",
    args: [subscriber],
    params: [{ name: "charge", type: "boolean", description: "charge the subscriber now" }],
    example: "hotmart subscriptions reactivate-single B2HNQAXJ",
  },
  {
    resource: "subscriptions",
    method: "changeDueDay",
    summary: "Changes the billing day (1-31) of a subscription",
    kind: "write",
    args: [subscriber, { name: "due_day", type: "number", description: "day of the month, 1 to 31" }],
    example: "hotmart subscriptions change-due-day B2HNQAXJ 10 --yes",
  },
  {
    resource: "products",
    method: "list",
    summary: "Your products",
    kind: "list",
    args: [],
    params: [
      num("id", "numeric product id"),
      str("status", "product status", PRODUCT_STATUS_VALUES),
      str("format", "product format", PRODUCT_FORMAT_VALUES),
    ],
    columns: ["id", "ucode", "name", "status", "format", "is_subscription"],
    example: "hotmart products list --status ACTIVE",
  },
  {
    resource: "products",
    method: "offers",
    summary: "The offers (price points) of a product",
    kind: "list",
    args: [{ name: "ucode", type: "string", description: "product UUID (ucode from products list)" }],
    params: [],
    example: "hotmart products offers ab907e46-a9aa-4d25-ae4f-cec316d01560",
  },
  {
    resource: "products",
    method: "plans",
    summary: "The subscription plans of a product",
    kind: "list",
    args: [{ name: "ucode", type: "string", description: "product UUID (ucode from products list)" }],
    params: [],
    example: "hotmart products plans 3f9e2d5a-4cb8-4f13-9d2e-8b7c4a0f1e92",
  },
  {
    resource: "coupons",
    method: "list",
    summary: "A product's coupons",
    kind: "list",
    args: [{ name: "product_id", type: "string", description: "numeric product id" }],
    params: [str("code", "coupon code")],
    example: "hotmart coupons list 123456789",
  },
  {
    resource: "coupons",
    method: "create",
    summary: "Creates a coupon for a product",
    kind: "write",
    args: [
      { name: "product_id", type: "string", description: "numeric product id" },
      { name: "code", type: "string", description: "coupon code (at most 25 characters)" },
    ],
    params: [
      { name: "discount", type: "number", description: "fraction off, e.g. 0.10 for 10%", required: true },
      date("start_date", "valid from"),
      date("end_date", "valid until"),
      num("affiliate", "affiliate id the coupon belongs to"),
      { name: "offer_ids", type: "list", description: "offer ids, comma-separated (default: every offer)" },
    ],
    example: "hotmart coupons create 123456789 BLACKFRIDAY --discount 0.2 --yes",
  },
  {
    resource: "coupons",
    method: "delete",
    summary: "Deletes a coupon",
    kind: "write",
    args: [{ name: "coupon_id", type: "string", description: "coupon id (from coupons list)" }],
    example: "hotmart coupons delete 3000001 --yes",
  },
  {
    resource: "club",
    method: "modules",
    summary: "The Club's modules",
    kind: "read",
    args: [subdomain],
    params: [
      { name: "is_extra", type: "boolean", description: "only extra (true) or regular (false) modules" },
    ],
    example: "hotmart club modules my_subdomain",
  },
  {
    resource: "club",
    method: "pages",
    summary: "The pages of a module",
    kind: "read",
    args: [{ name: "module_id", type: "string", description: "module id (from club modules)" }],
    params: [{ name: "product_id", type: "number", description: "the Club's product id", required: true }],
    example: "hotmart club pages 2z7RamXeJW --product-id 123456789",
  },
  {
    resource: "club",
    method: "pagesV1",
    summary: "The pages of a module from the old v1 endpoint (deprecated by Hotmart: use pages)",
    kind: "read",
    args: [{ name: "module_id", type: "string", description: "module id (from club modules)" }],
    params: [{ name: "subdomain", type: "string", description: "the Club's subdomain", required: true }],
    example: "hotmart club pages-v1 2z7RamXeJW --subdomain my_subdomain",
  },
  {
    resource: "club",
    method: "students",
    summary: "The Club's members",
    kind: "list",
    args: [subdomain],
    params: [str("email", "e-mail (Hotmart matches partially)")],
    columns: ["user_id", "name", "email", "status", "role", "progress.completed_percentage"],
    example: "hotmart club students my_subdomain --all",
  },
  {
    resource: "club",
    method: "lessons",
    summary: "One student's lessons and completion",
    kind: "read",
    args: [subdomain, { name: "user_id", type: "string", description: "Club user_id (from club students)" }],
    example: "hotmart club lessons my_subdomain n2oM623N46",
  },
  {
    resource: "club",
    method: "studentProgress",
    summary: "A student's lessons, found by e-mail",
    kind: "read",
    args: [subdomain],
    params: [{ name: "student_email", type: "string", description: "the student's e-mail", required: true }],
    example: "hotmart club student-progress my_subdomain --student-email caua.nogueira@example.com",
  },
  {
    resource: "events",
    method: "get",
    summary: "An event's details",
    kind: "read",
    args: [{ name: "event_id", type: "string", description: "event id" }],
    example: "hotmart events get 7673728",
  },
  {
    resource: "events",
    method: "tickets",
    summary: "An event's tickets, buyers and participants",
    kind: "list",
    args: [{ name: "event_id", type: "string", description: "event id" }],
    params: [
      str("buyer_email", "buyer e-mail"),
      str("participant_email", "participant e-mail"),
      date("last_update", "changed since"),
      num("id_lot", "lot id"),
      str("ticket_status", "ticket status"),
      str("ticket_type", "PAID, FREE or ALL"),
      str("checkin_status", "PENDING, PARTIAL, CONCLUDED or ALL"),
      num("id_eticket", "ticket id"),
      str("ticket_qr_code", "ticket QR code"),
    ],
    example: "hotmart events tickets 7673728 --checkin-status PENDING",
  },
  {
    resource: "negotiation",
    method: "create",
    summary: "Negotiates overdue recurrences into one PIX or boleto payment",
    kind: "write",
    args: [],
    params: [
      { name: "subscription_id", type: "number", description: "numeric subscription id", required: true },
      {
        name: "recurrences",
        type: "numbers",
        description: "recurrence numbers, comma-separated (1 to 5)",
        required: true,
      },
      {
        name: "payment_type",
        type: "string",
        description: "PIX or BILLET",
        required: true,
        values: ["PIX", "BILLET"],
      },
      { name: "document", type: "string", description: "buyer's CPF/CNPJ" },
    ],
    example: "hotmart negotiation create --subscription-id 40321288 --recurrences 4 --payment-type PIX --yes",
  },
];

export const kebab = (name: string) =>
  name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/_/g, "-");
export const commandName = (spec: MethodSpec) => kebab(spec.method);
