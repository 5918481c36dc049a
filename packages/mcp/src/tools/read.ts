import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Hotmart, PagePromise } from "hotmart";
import {
  ClubLessonsItemSchema,
  ClubModulesItemSchema,
  ClubPagesItemSchema,
  ClubStudentsItemSchema,
  CouponsListItemSchema,
  EventInfoSchema,
  EventsTicketsItemSchema,
  ProductsListItemSchema,
  ProductsOffersItemSchema,
  ProductsPlansItemSchema,
  SalesCommissionsItemSchema,
  SalesHistoryItemSchema,
  SalesParticipantsItemSchema,
  SalesPriceDetailsItemSchema,
  SalesSummaryItemSchema,
  SubscriptionsListItemSchema,
  SubscriptionsPurchasesItemSchema,
  SubscriptionsSummaryItemSchema,
  SubscriptionsTransactionsItemSchema,
} from "hotmart/schemas";
import { z } from "zod";
import type { ToolContext } from "../context";
import { ToolError } from "../errors";
import { quote, renderLine, renderList } from "../render";
import { type CallOptions, READ_ONLY, registerTool } from "./define";
import {
  billingType,
  commissionAs,
  DEFAULT_PAGE,
  date,
  email,
  MAX_PAGE,
  PURCHASE_STATUS_VALUES,
  paging,
  paymentType,
  productFormat,
  productId,
  productStatus,
  purchaseStatus,
  recurrencyStatus,
  subscriptionStatus,
  textFilter,
  ticketStatus,
  toParams,
} from "./inputs";
import { lenient } from "./lenient";

type Args = Record<string, unknown>;
/**
 * SDK params built from a tool's arguments. The tool's input schema mirrors the method's params type, so
 * each call site hands them over as that type (`as never`): zod has already checked every key and value.
 */
type Params = Record<string, unknown>;

function pageOutput(item: z.ZodType) {
  return {
    // Any field may be absent or null: one record off the documented shape must not fail the page.
    items: z.array(lenient(item)),
    count: z.number().int().describe("Items in this page"),
    total_results: z.number().int().optional().describe("Total matches, when Hotmart says"),
    next_cursor: z.string().optional().describe("Pass as cursor for the next page; absent on the last page"),
  };
}

interface PagedSpec {
  name: string;
  title: string;
  description: string;
  input: z.ZodRawShape;
  item: z.ZodType;
  maxPage?: number;
  dates?: readonly string[];
  noun: string;
  line: readonly string[];
  call: (client: Hotmart, params: Params, args: Args, options: CallOptions) => PagePromise<unknown>;
}

/** A tool over one Hotmart list endpoint: one page per call, the cursor to continue. */
function pagedTool(server: McpServer, ctx: ToolContext, spec: PagedSpec): void {
  const max = spec.maxPage ?? MAX_PAGE;
  registerTool(server, ctx, {
    name: spec.name,
    title: spec.title,
    description: spec.description,
    input: { ...spec.input, ...paging(max) },
    output: pageOutput(spec.item),
    annotations: READ_ONLY,
    run: async (args: Args, _ctx, options) => {
      const params = toParams(args, spec.dates ?? []);
      params.max_results = (args.limit as number | undefined) ?? Math.min(DEFAULT_PAGE, max);
      if (typeof args.cursor === "string") params.page_token = args.cursor;
      const page = await spec.call(ctx.client, params, args, options);
      const next = page.nextPageToken();
      const total = page.page_info.total_results;
      const structured: Record<string, unknown> = { items: page.items, count: page.items.length };
      if (typeof total === "number") structured.total_results = total;
      if (next) structured.next_cursor = next;
      const header = `${page.items.length} ${spec.noun}${typeof total === "number" ? ` (of ${total})` : ""}.`;
      return { structured, text: renderList(header, page.items, spec.line, next) };
    },
  });
}

interface ArraySpec {
  name: string;
  title: string;
  description: string;
  input: z.ZodRawShape;
  item: z.ZodType;
  noun: string;
  line: readonly string[];
  extra?: z.ZodRawShape;
  call: (
    client: Hotmart,
    args: Args,
    options: CallOptions,
  ) => Promise<{ items: unknown[]; extra?: Record<string, unknown> }>;
}

/** Endpoints that answer a plain array are still handed out in bounded pages (the cursor is an offset). */
function arrayTool(server: McpServer, ctx: ToolContext, spec: ArraySpec): void {
  registerTool(server, ctx, {
    name: spec.name,
    title: spec.title,
    description: spec.description,
    input: { ...spec.input, ...paging() },
    output: { ...pageOutput(spec.item), total_results: z.number().int(), ...spec.extra },
    annotations: READ_ONLY,
    run: async (args: Args, _ctx, options) => {
      const offset = parseOffset(args.cursor);
      const limit = (args.limit as number | undefined) ?? DEFAULT_PAGE;
      const { items, extra } = await spec.call(ctx.client, args, options);
      const slice = items.slice(offset, offset + limit);
      const next = offset + limit < items.length ? `offset:${offset + limit}` : undefined;
      const structured: Record<string, unknown> = {
        ...extra,
        items: slice,
        count: slice.length,
        total_results: items.length,
      };
      if (next) structured.next_cursor = next;
      const header = `${slice.length} ${spec.noun} (of ${items.length}).`;
      return { structured, text: renderList(header, slice, spec.line, next) };
    },
  });
}

function parseOffset(cursor: unknown): number {
  if (cursor === undefined) return 0;
  const match = /^offset:(\d+)$/.exec(String(cursor));
  if (!match)
    throw new ToolError(
      'Invalid cursor: pass the next_cursor of the previous result (e.g. "offset:20"), or none',
    );
  return Number(match[1]);
}

const REPORT_DATES = ["start_date", "end_date"] as const;
const SALES_WHEN =
  "Without start_date/end_date Hotmart covers its default window; without transaction_status only paid sales (APPROVED, COMPLETE) come back.";
const reportFilters = {
  product_id: productId,
  start_date: date("Period start (order date)"),
  end_date: date("Period end (inclusive)"),
  transaction: z
    .string()
    .min(1)
    .optional()
    .describe('Transaction code, e.g. "HP17715690036014": finds the sale in any status'),
  transaction_status: purchaseStatus,
};
const SALE_LINE = [
  "purchase.transaction",
  "purchase.order_date",
  "purchase.status",
  "purchase.price",
  "purchase.payment.type",
  "product.name",
  "buyer.name",
  "buyer.email",
];

/** One tool per read method of the SDK, with the SDK's params as the input schema. */
export function registerReadTools(server: McpServer, ctx: ToolContext): void {
  pagedTool(server, ctx, {
    name: "sales_history",
    title: "Sales history (vendas, transações)",
    description:
      "List individual sales, one per transaction: who bought (comprador), what, when, status, price, payment type (Pix, boleto, cartão). " +
      "Lista vendas/transações individuais: quem comprou, o quê, quando, status, valor, forma de pagamento. " +
      `Use to find or inspect specific sales; for totals, revenue (faturamento) or comparisons use sales_report instead, and for everything about one buyer use buyer_overview. ${SALES_WHEN}`,
    input: {
      ...reportFilters,
      sales_source: textFilter("sales_source", "The src tracking code of the payment link"),
      buyer_name: textFilter("buyer_name", "Buyer name (nome do comprador)"),
      buyer_email: email("Buyer e-mail"),
      payment_type: paymentType,
      offer_code: textFilter("offer_code", "Offer code"),
      commission_as: commissionAs,
    },
    item: SalesHistoryItemSchema,
    dates: REPORT_DATES,
    noun: "sales",
    line: SALE_LINE,
    call: (c, p, _a, o) => c.sales.history(p as never, o),
  });
  pagedTool(server, ctx, {
    name: "sales_summary",
    title: "Commission totals per currency (resumo de vendas)",
    description:
      "Hotmart's own commission totals per currency for a period: number of commissions and total value (resumo de comissões por moeda). " +
      "Use for the account's commission total; for revenue by product, payment type or status, or a comparison between periods, use sales_report.",
    input: {
      ...reportFilters,
      sales_source: textFilter("sales_source", "The src tracking code of the payment link"),
      affiliate_name: textFilter("affiliate_name", "Affiliate name (afiliado)"),
      payment_type: paymentType,
      offer_code: textFilter("offer_code", "Offer code (from product_offers)"),
    },
    item: SalesSummaryItemSchema,
    dates: REPORT_DATES,
    noun: "currency totals",
    line: ["total_value", "total_items"],
    call: (c, p, _a, o) => c.sales.summary(p as never, o),
  });
  pagedTool(server, ctx, {
    name: "sales_participants",
    title: "Sale participants: buyer contact data (participantes, dados do comprador)",
    description:
      "Everyone in each sale — buyer (comprador), producer, co-producer, affiliate — with contact data: e-mail, phone, document (CPF/CNPJ), address. " +
      "Dados de contato e endereço dos compradores e afiliados por venda. Use when you need a buyer's phone, document or address; for the sale itself use sales_history.",
    input: {
      ...reportFilters,
      buyer_email: email("Buyer e-mail"),
      sales_source: textFilter("sales_source", "The src tracking code of the payment link"),
      buyer_name: textFilter("buyer_name", "Buyer name (nome do comprador)"),
      affiliate_name: textFilter("affiliate_name", "Affiliate name (afiliado)"),
      commission_as: commissionAs,
    },
    item: SalesParticipantsItemSchema,
    dates: REPORT_DATES,
    noun: "sales with participants",
    line: ["transaction", "product.name", "users"],
    call: (c, p, _a, o) => c.sales.participants(p as never, o),
  });
  pagedTool(server, ctx, {
    name: "sales_commissions",
    title: "Commissions per sale (comissões, receita líquida)",
    description:
      "Commission of each participant per sale; the PRODUCER entry is the producer's net revenue (receita líquida), MARKETPLACE is Hotmart's fee. " +
      "Comissões por venda (produtor, coprodutor, afiliado, taxa da Hotmart). Use for net amounts; for gross revenue use sales_report.",
    input: { ...reportFilters, commission_as: commissionAs },
    item: SalesCommissionsItemSchema,
    dates: REPORT_DATES,
    noun: "sales with commissions",
    line: ["transaction", "product.name", "commissions"],
    call: (c, p, _a, o) => c.sales.commissions(p as never, o),
  });
  pagedTool(server, ctx, {
    name: "sales_price_details",
    title: "Price breakdown per sale (detalhes de preço, cupom, juros)",
    description:
      "Price breakdown of each purchase: base price, total, VAT, instalment interest (juros de parcelamento), coupon used (cupom), conversion rate. " +
      "Use to see which coupon a sale used or what the buyer paid in interest; for the sale itself use sales_history, for totals sales_report.",
    input: { ...reportFilters, payment_type: paymentType },
    item: SalesPriceDetailsItemSchema,
    dates: REPORT_DATES,
    noun: "price breakdowns",
    line: ["transaction", "product.name", "base", "total", "coupon.code"],
    call: (c, p, _a, o) => c.sales.priceDetails(p as never, o),
  });

  const SUB_LINE = [
    "subscriber_code",
    "status",
    "subscriber.name",
    "subscriber.email",
    "product.name",
    "plan.name",
    "price",
    "date_next_charge",
  ];
  pagedTool(server, ctx, {
    name: "subscriptions_list",
    title: "Subscriptions (assinaturas, assinantes)",
    description:
      "List subscriptions in real time with subscriber, plan, price, status and next charge (assinaturas e assinantes; status ACTIVE ativa, DELAYED/OVERDUE inadimplente/em atraso, CANCELLED_* cancelada). " +
      "Use to find specific subscriptions or subscriber codes; for counts per status use subscribers_by_status; for one person use buyer_overview.",
    input: {
      product_id: productId,
      plan: z.array(z.string().min(1)).min(1).optional().describe("Plan names (plano)"),
      plan_id: z
        .number()
        .int()
        .positive()
        .optional()
        .describe("Numeric plan id (plan.id of a subscription); to filter by name use plan"),
      status: z
        .array(subscriptionStatus)
        .min(1)
        .optional()
        .describe('One or more statuses, e.g. ["DELAYED", "OVERDUE"] for inadimplentes'),
      subscriber_code: z.string().min(1).optional().describe('Subscriber code, e.g. "VRWIQQRG"'),
      subscriber_email: email("Subscriber e-mail"),
      transaction: z
        .string()
        .min(1)
        .optional()
        .describe('Transaction code of a charge of the subscription, e.g. "HP17715690036014"'),
      trial: z.boolean().optional().describe("With (true) or without (false) a trial period"),
      accession_date: date("Subscription start, from"),
      end_accession_date: date("Subscription start, until"),
      cancelation_date: date("Cancelled from"),
      end_cancelation_date: date("Cancelled until"),
      date_next_charge: date("Next charge from"),
      end_date_next_charge: date("Next charge until"),
    },
    item: SubscriptionsListItemSchema,
    dates: [
      "accession_date",
      "end_accession_date",
      "cancelation_date",
      "end_cancelation_date",
      "date_next_charge",
      "end_date_next_charge",
    ],
    noun: "subscriptions",
    line: SUB_LINE,
    call: (c, p, _a, o) => c.subscriptions.list(p as never, o),
  });
  pagedTool(server, ctx, {
    name: "subscriptions_summary",
    title: "Subscriptions with last recurrence and unpaid charges (resumo de assinaturas)",
    description:
      "One row per subscription with its last recurrence (recorrência), lifetime in days and the list of unpaid recurrences (parcelas não pagas, inadimplência); may lag up to 24 h. " +
      "Use to see which recurrences a subscriber owes (before a negotiation); for real-time status use subscriptions_list.",
    input: {
      product_id: productId,
      subscriber_code: z.string().min(1).optional().describe('Subscriber code, e.g. "VRWIQQRG"'),
      accession_date: date("Subscription start, from"),
      end_accession_date: date("Subscription start, until"),
      date_next_charge: date("Next charge from"),
    },
    item: SubscriptionsSummaryItemSchema,
    dates: ["accession_date", "end_accession_date", "date_next_charge"],
    noun: "subscriptions",
    line: [
      "subscriber_code",
      "status",
      "subscriber.email",
      "product.name",
      "last_recurrency.number",
      "lifetime",
    ],
    call: (c, p, _a, o) => c.subscriptions.summary(p as never, o),
  });
  pagedTool(server, ctx, {
    name: "subscriptions_transactions",
    title: "Subscription charges (cobranças, transações de assinatura)",
    description:
      "Every charge attempt of every recurrence: paid, refused (with the card refusal message), refunded; may lag up to 24 h; without transaction or dates Hotmart covers the last 30 days. " +
      "Cobranças das assinaturas, recusas de cartão, recorrências pagas e não pagas. Use to explain why a subscriber is late (inadimplente); for one subscription's payments use subscription_purchases.",
    input: {
      product_id: productId,
      transaction: z
        .string()
        .min(1)
        .optional()
        .describe(
          'Transaction code of one charge, e.g. "HP17715690036014"; without dates, finds it at any age',
        ),
      subscriber_name: textFilter("subscriber_name", "Subscriber name (nome do assinante)"),
      subscriber_email: email("Subscriber e-mail"),
      subscriber_code: z.string().min(1).optional().describe('Subscriber code, e.g. "VRWIQQRG"'),
      billing_type: billingType
        .optional()
        .describe(
          "SUBSCRIPTION (assinatura), SMART_INSTALLMENT (parcelamento inteligente) or SMART_RECOVERY (recuperação de um cartão recusado)",
        ),
      subscription_status: subscriptionStatus
        .optional()
        .describe("The subscription's status, e.g. DELAYED (em atraso) or ACTIVE"),
      recurrency_status: recurrencyStatus
        .optional()
        .describe("The charge's recurrence status: PAID, NOT_PAID (não paga), CLAIMED, REFUNDED, CHARGEBACK"),
      purchase_status: z.enum(PURCHASE_STATUS_VALUES).optional().describe("Purchase status of the charge"),
      transaction_date: date("Charge date, from"),
      end_transaction_date: date("Charge date, until"),
      offer_code: textFilter(
        "offer_code",
        "Offer code (from product_offers); may change when the subscriber changes plan",
      ),
      purchase_payment_type: paymentType,
    },
    item: SubscriptionsTransactionsItemSchema,
    dates: ["transaction_date", "end_transaction_date"],
    noun: "charges",
    line: [
      "subscriber_code",
      "recurrency.number",
      "recurrency.status",
      "purchase.transaction",
      "purchase.status",
      "purchase.price",
      "purchase.order_date",
      "purchase.payment.refusal_message",
    ],
    call: (c, p, _a, o) => c.subscriptions.transactions(p as never, o),
  });
  arrayTool(server, ctx, {
    name: "subscription_purchases",
    title: "Payments of one subscription (pagamentos da assinatura)",
    description:
      "Every recurrence payment of one subscription, by subscriber code: transaction, status, amount, refund window. " +
      "Pagamentos/recorrências de uma assinatura. Use for one subscriber's payment history; to find the code use subscriptions_list or buyer_overview.",
    input: { subscriber_code: z.string().min(1).describe('Subscriber code, e.g. "VRWIQQRG"') },
    item: SubscriptionsPurchasesItemSchema,
    noun: "payments",
    line: ["recurrency_number", "transaction", "status", "price", "approved_date", "payment_type"],
    call: async (c, a, o) => ({ items: await c.subscriptions.purchases(a.subscriber_code as string, o) }),
  });

  pagedTool(server, ctx, {
    name: "products_list",
    title: "Products (produtos, cursos, ebooks)",
    description:
      "The account's products (produtos: cursos, ebooks, assinaturas, eventos) with id, ucode, status and format. " +
      "Use to find a product_id (for reports, coupons, Club pages) or a ucode (for product_offers and product_plans); for sales of a product use sales_report.",
    input: {
      id: productId,
      status: productStatus.optional().describe("ACTIVE, DRAFT, PAUSED, ..."),
      format: productFormat.optional().describe("ONLINE_COURSE, EBOOK, ETICKET (events), ..."),
    },
    item: ProductsListItemSchema,
    maxPage: 50,
    noun: "products",
    line: ["id", "name", "ucode", "status", "format", "is_subscription"],
    call: (c, p, _a, o) => c.products.list(p as never, o),
  });
  const ucode = z
    .string()
    .min(1)
    .describe('The product UUID ("ucode" from products_list), not the numeric id');
  pagedTool(server, ctx, {
    name: "product_offers",
    title: "Offers of a product (ofertas, preços)",
    description:
      "The offers (ofertas, price points and payment modes) of one product, by its ucode (from products_list). Use for prices and offer codes (códigos de oferta) before coupon_create; for subscription plans use product_plans.",
    input: { ucode },
    item: ProductsOffersItemSchema,
    maxPage: 50,
    noun: "offers",
    line: ["code", "name", "price", "payment_mode", "is_main_offer"],
    call: (c, p, a, o) => c.products.offers(a.ucode as string, withoutKey(p, "ucode") as never, o),
  });
  pagedTool(server, ctx, {
    name: "product_plans",
    title: "Subscription plans of a product (planos)",
    description:
      "The subscription plans (planos de assinatura) of one product, by its ucode (from products_list): price, periodicity, trial. Hotmart answers an error for a product without plans; for one-time prices use product_offers.",
    input: { ucode },
    item: ProductsPlansItemSchema,
    maxPage: 50,
    noun: "plans",
    line: ["code", "name", "price", "periodicity", "trial_period"],
    call: (c, p, a, o) => c.products.plans(a.ucode as string, withoutKey(p, "ucode") as never, o),
  });
  pagedTool(server, ctx, {
    name: "coupons_list",
    title: "Coupons of a product (cupons de desconto)",
    description:
      "The discount coupons (cupons) of one product: code, discount (0.1 = 10%), validity, id. Use to find a coupon's numeric id before coupon_delete, or to check a code exists.",
    input: {
      product_id: z.number().int().positive().describe("Numeric product id (from products_list)"),
      code: z.string().min(1).optional().describe("Only the coupon with this code"),
    },
    item: CouponsListItemSchema,
    noun: "coupons",
    line: ["id", "coupon_code", "discount", "start_date", "end_date", "status"],
    call: (c, p, a, o) => c.coupons.list(a.product_id as number, withoutKey(p, "product_id") as never, o),
  });

  const subdomain = z.string().min(1).describe('The Club (área de membros) subdomain, e.g. "my_subdomain"');
  arrayTool(server, ctx, {
    name: "club_modules",
    title: "Club modules (módulos da área de membros)",
    description:
      "The modules (módulos) of a Hotmart Club members area (área de membros), by subdomain. Use to get module ids for club_pages.",
    input: {
      subdomain,
      is_extra: z.boolean().optional().describe("true: only extra modules; default: only the main ones"),
    },
    item: ClubModulesItemSchema,
    noun: "modules",
    line: ["module_id", "name", "sequence", "total_pages"],
    call: async (c, a, o) => ({
      items: await c.club.modules(
        a.subdomain as string,
        a.is_extra === undefined ? {} : { is_extra: a.is_extra as boolean },
        o,
      ),
    }),
  });
  arrayTool(server, ctx, {
    name: "club_pages",
    title: "Pages (lessons) of a Club module (aulas, páginas)",
    description:
      "The pages/lessons (aulas) of one Club module with publication, comments and ratings. Needs the module id (from club_modules) and the Club's product id.",
    input: {
      module_id: z.string().min(1).describe("Module id from club_modules"),
      product_id: z.number().int().positive().describe("Numeric id of the Club's product"),
    },
    item: ClubPagesItemSchema,
    noun: "pages",
    line: ["page_id", "name", "type", "published", "total_comments"],
    call: async (c, a, o) => ({
      items: await c.club.pages(a.module_id as string, { product_id: a.product_id as number }, o),
    }),
  });
  pagedTool(server, ctx, {
    name: "club_students",
    title: "Club students (alunos, membros)",
    description:
      "The students/members (alunos) of a Club with progress %, last access, status and engagement. " +
      "Lista de alunos da área de membros. email filters partially. For one student's lessons use club_student_progress; for access questions use access_check.",
    input: { subdomain, email: email("Full or partial e-mail") },
    item: ClubStudentsItemSchema,
    noun: "students",
    line: ["user_id", "name", "email", "status", "progress.completed_percentage", "last_access_date"],
    call: (c, p, a, o) => c.club.students(a.subdomain as string, withoutKey(p, "subdomain") as never, o),
  });
  arrayTool(server, ctx, {
    name: "club_lessons",
    title: "One student's lessons by Club user id (progresso por aula)",
    description:
      "One student's lessons and which are completed, by the Club user_id from club_students. If you have the e-mail instead, use club_student_progress.",
    input: { subdomain, user_id: z.string().min(1).describe("Club user_id from club_students") },
    item: ClubLessonsItemSchema,
    noun: "lessons",
    line: ["module_name", "page_name", "is_completed", "completed_date"],
    call: async (c, a, o) => ({
      items: (await c.club.lessons(a.subdomain as string, a.user_id as string, o)).lessons,
    }),
  });
  arrayTool(server, ctx, {
    name: "club_student_progress",
    title: "A student's progress by e-mail (progresso do aluno)",
    description:
      "A student's course progress (progresso do aluno no curso) found by exact e-mail: the student record and each lesson completed or not. " +
      "Use for 'how far is this student?'; for access questions use access_check; for everything about a buyer use buyer_overview.",
    input: { subdomain, student_email: z.string().min(3).describe("The student's exact e-mail") },
    item: ClubLessonsItemSchema,
    extra: { student: lenient(ClubStudentsItemSchema) },
    noun: "lessons",
    line: ["module_name", "page_name", "is_completed", "completed_date"],
    call: async (c, a, o) => {
      const progress = await c.club.studentProgress(
        a.subdomain as string,
        { student_email: a.student_email as string },
        o,
      );
      return { items: progress.lessons, extra: { student: progress.user } };
    },
  });

  registerTool(server, ctx, {
    name: "event_info",
    title: "Event details and ticket lots (evento, lotes de ingresso)",
    description:
      "An event's dates and ticket lots (lotes), by the event id (the id of an ETICKET product in products_list). Use before event_tickets to get lot ids.",
    input: { event_id: z.number().int().positive().describe("The ETICKET product id") },
    output: { event: lenient(EventInfoSchema) },
    annotations: READ_ONLY,
    run: async (args, _ctx, options) => {
      const event = await ctx.client.events.get(args.event_id, options);
      const lots = event.lots.map((l) => `${l.id} ${quote(l.name)}`).join("; ");
      return {
        structured: { event },
        text: `${renderLine(event, ["product.name", "start_event_date", "end_event_date"])}\nLots: ${lots || "none"}`,
      };
    },
  });
  pagedTool(server, ctx, {
    name: "event_tickets",
    title: "Event tickets and participants (ingressos, participantes)",
    description:
      "Tickets (ingressos) of an event with buyer, participant, lot, status and check-in. Use to check who holds a ticket or whether someone checked in; for the event's dates and lot ids use event_info.",
    input: {
      event_id: z.number().int().positive().describe("The ETICKET product id"),
      buyer_email: email("Buyer e-mail"),
      participant_email: email("Participant e-mail"),
      last_update: date("Ticket updated since"),
      id_lot: z.number().int().positive().optional().describe("Lot id from event_info"),
      ticket_status: ticketStatus
        .optional()
        .describe("Ticket status: SOLD (vendido), INVITE (convite), REFUNDED, CHARGEBACK, ..."),
      ticket_type: z
        .enum(["PAID", "FREE", "ALL"])
        .optional()
        .describe("PAID tickets, FREE invitations (cortesias), or ALL"),
      checkin_status: z
        .enum(["PENDING", "PARTIAL", "CONCLUDED", "ALL"])
        .optional()
        .describe(
          "State of the participant's registration form (check-in): PENDING, PARTIAL, CONCLUDED, or ALL",
        ),
      id_eticket: z.number().int().positive().optional().describe("Hotmart's internal numeric ticket id"),
      ticket_qr_code: z
        .string()
        .min(1)
        .optional()
        .describe('The public ticket code printed in its QR code, e.g. "122364299664535373"'),
    },
    item: EventsTicketsItemSchema,
    dates: ["last_update"],
    noun: "tickets",
    line: [
      "eticket.ticket_qr_code",
      "eticket.ticket_status",
      "participant.name",
      "participant.email",
      "lot.name",
      "eticket.checkin_status",
    ],
    call: (c, p, a, o) => c.events.tickets(a.event_id as number, withoutKey(p, "event_id") as never, o),
  });
}

function withoutKey(params: Params, key: string): Params {
  const { [key]: _drop, ...rest } = params;
  return rest;
}
