/** The documented example responses of docs/api-notes.md §8 (invented values), and a client for the recording server. */
import { type ClientOptions, Hotmart } from "hotmart";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { type RecordingServer, startRecordingServer } from "../helpers/recording-server";

export function makeClient(server: RecordingServer, options: ClientOptions = {}): Hotmart {
  return new Hotmart({
    clientId: "id",
    clientSecret: "secret",
    baseURL: server.url,
    authURL: `${server.url}/security/oauth/token`,
    ...options,
  });
}

/** One recording server per test file, emptied before each test. */
export function useRecordingServer(): { readonly server: RecordingServer; client: () => Hotmart } {
  let server: RecordingServer | undefined;
  beforeAll(async () => {
    server = await startRecordingServer();
  });
  beforeEach(() => server?.reset());
  afterAll(async () => {
    await server?.close();
  });
  return {
    get server() {
      if (!server) throw new Error("the recording server is not started");
      return server;
    },
    client() {
      if (!server) throw new Error("the recording server is not started");
      return makeClient(server);
    },
  };
}

export const SALES_HISTORY = {
  items: [
    {
      product: { name: "Curso Exemplo", id: 1234567 },
      buyer: { name: "Ana Exemplo", ucode: "0a1b2c3d-0000-4000-8000-00000000a001", email: "ana@example.com" },
      producer: { name: "Produtora Fictícia", ucode: "0a1b2c3d-0000-4000-8000-00000000b002" },
      purchase: {
        transaction: "HP10000000000001",
        order_date: 1717200000000,
        approved_date: 1717200030000,
        status: "APPROVED",
        recurrency_number: 1,
        is_subscription: false,
        commission_as: "PRODUCER",
        price: { value: 297.0, currency_code: "BRL" },
        payment: { method: "CREDIT_CARD_VISA", installments_number: 3, type: "CREDIT_CARD" },
        tracking: { source_sck: "landing-a", source: "instagram", external_code: "camp01" },
        warranty_expire_date: 1717804800000,
        offer: { payment_mode: "UNIQUE_PAYMENT", code: "k2pasun0" },
        hotmart_fee: { total: 24.46, fixed: 1.0, currency_code: "BRL", base: 297.0, percentage: 7.9 },
      },
    },
  ],
  page_info: { total_results: 14, next_page_token: "eyJyb3dzIjo1LCJwYWdlIjoyfQ==", results_per_page: 1 },
};

export const SALES_SUMMARY = {
  items: [{ total_items: 2, total_value: { value: 3.7, currency_code: "USD" } }],
  page_info: { total_results: 1, results_per_page: 1 },
};

export const SALES_USERS = {
  items: [
    {
      transaction: "HP10000000000002",
      product: { name: "Curso Exemplo", id: 1234567 },
      users: [
        {
          role: "BUYER",
          user: {
            ucode: "5e6f7a8b-0000-4000-8000-00000000c003",
            locale: "pt_BR",
            name: "Bruno Fictício",
            trade_name: "",
            cellphone: "11999990000",
            phone: "",
            email: "bruno@example.com",
            documents: [{ value: "00000000000", type: "CPF" }],
            address: {
              city: "Cidade Exemplo",
              state: "MG",
              country: "Brasil",
              zip_code: "30000000",
              address: "Rua Exemplo",
              complement: "",
              neighborhood: "Centro",
              number: "10",
            },
          },
        },
        {
          role: "PRODUCER",
          user: {
            ucode: "0a1b2c3d-0000-4000-8000-00000000b002",
            name: "Produtora Fictícia",
            email: "contato@example.com",
            documents: [],
            address: {},
          },
        },
      ],
    },
  ],
  page_info: { total_results: 55, next_page_token: "eyJwYWdlIjoyLCJyb3dzIjoxfQ==", results_per_page: 1 },
};

export const SALES_COMMISSIONS = {
  items: [
    {
      transaction: "HP10000000000003",
      product: { name: "Curso Exemplo", id: 1234567 },
      exchange_rate_currency_payout: 1,
      commissions: [
        {
          commission: { currency_value: "BRL", value: 24.46 },
          user: { ucode: "00000000-0000-4000-8000-000000000099", name: "Hotmart" },
          source: "MARKETPLACE",
        },
        {
          commission: { currency_value: "BRL", value: 272.54 },
          user: { ucode: "0a1b2c3d-0000-4000-8000-00000000b002", name: "Produtora Fictícia" },
          source: "PRODUCER",
        },
      ],
    },
  ],
  page_info: { total_results: 10, results_per_page: 10 },
};

export const SALES_PRICE_DETAILS = {
  items: [
    {
      transaction: "HP10000000000004",
      product: { id: 1234567, name: "Curso Exemplo" },
      base: { value: 270.0, currency_code: "BRL" },
      total: { value: 297.0, currency_code: "BRL" },
      vat: { value: 0, currency_code: "BRL" },
      fee: { value: 27.0, currency_code: "BRL" },
      coupon: { code: "PROMO10", value: 0.1 },
      real_conversion_rate: 1.0,
    },
  ],
  page_info: { total_results: 14, next_page_token: "eyJyb3dzIjoxMCwicGFnZSI6Mn0=", results_per_page: 10 },
};

export const SUBSCRIPTIONS_LIST = {
  items: [
    {
      subscriber_code: "ABCD1234",
      subscription_id: 1000001,
      status: "ACTIVE",
      accession_date: 1714521600000,
      request_date: 1714521600000,
      date_next_charge: 1719792000000,
      trial: false,
      transaction: "HP10000000000005",
      plan: { name: "Plano Mensal", id: 700001, recurrency_period: 30, max_charge_cycles: 12 },
      product: { id: 1234567, name: "Clube Exemplo", ucode: "9a8b7c6d-0000-4000-8000-00000000d004" },
      price: { value: 49.9, currency_code: "BRL" },
      subscriber: {
        name: "Carla Exemplo",
        email: "carla@example.com",
        ucode: "1f2e3d4c-0000-4000-8000-00000000e005",
      },
    },
  ],
  page_info: {
    total_results: 30,
    next_page_token: "05b60506b659c1c6e728db93eada6271e3adcfb4edf507b679874458e31577b3",
    results_per_page: 10,
  },
};

export const SUBSCRIPTIONS_SUMMARY = {
  items: [
    {
      subscriber_code: "ABCD1234",
      subscription_id: 1000001,
      status: "DELAYED",
      lifetime: 95,
      accession_date: 1709251200000,
      trial: false,
      plan: { name: "Plano Mensal", recurrency_period: 30 },
      product: { name: "Clube Exemplo", id: 1234567 },
      offer: { code: "o1c97lta" },
      last_recurrency: {
        number: 4,
        request_date: 1717200000000,
        status: "NOT_PAID",
        transaction_number: 2,
        billing_type: "SUBSCRIPTION",
      },
      unpaid_recurrencies: [{ number: 4, charge_date: 1717200000000 }],
      subscriber: { name: "Carla Exemplo", id: 55500001, email: "carla@example.com" },
    },
  ],
  page_info: {
    results_per_page: 1,
    next_page_token: "cf1fg8bd082e2864069035c057eca0bac7eb5d604719c5a76e80f0933f49c217",
  },
};

export const SUBSCRIPTIONS_TRANSACTIONS = {
  items: [
    {
      subscription_id: 1000001,
      last_update: 1717200000000,
      subscriber_code: "ABCD1234",
      status: "ACTIVE",
      billing_type: "SUBSCRIPTION",
      adoption_date: 1709251200000,
      date_next_charge: 1719792000000,
      last_recurrency_start_date: 1717200000000,
      cancellation_date: null,
      max_cycles: 12,
      last_recurrency_number: 4,
      has_unpaid_recurrency: false,
      has_credit_card_change: false,
      is_paid_anticipation: false,
      is_paid_negotiation: false,
      product: { id: 1234567, name: "Clube Exemplo" },
      trial_info: { trial: false, trial_period: 0, trial_end: null },
      plan: {
        name: "Plano Mensal",
        recurrency_period: 30,
        recurrency_type: "MONTHLY",
        coupon_code: null,
        offer: { code: "abc12def", description: "Oferta mensal", key: "abc12def" },
      },
      recurrency: {
        status: "PAID",
        number: 4,
        start_datetime: 1717200000000,
        payment_delay_days: 0,
        transaction_type: "AUTOMATIC",
        number_list: "",
        transaction_sequence: 1,
        is_current_purchase: true,
        has_retry: false,
      },
      purchase: {
        transaction: "HP10000000000006",
        order_date: 1717200000000,
        approved_date: 1717200060000,
        status: "APPROVED",
        payment: { payment_type: "CREDIT_CARD", credit_card_flag: "VISA" },
        installment: { installment_type: "CONVENTIONAL_INSTALLMENT", installment_number: 1 },
        price: { currency: "BRL", value: 49.9, total_value: 49.9 },
        commission: {
          conversion_rate: 1.0,
          currency: "BRL",
          original_value: 44.0,
          original_paid_value: 44.0,
          producer_value: 44.0,
          producer_paid_value: 44.0,
        },
      },
      subscriber: {
        id: 55500001,
        name: "Carla Exemplo",
        email: "carla@example.com",
        phone_ddd: "31",
        phone: "999990000",
      },
      producer: { name: "Produtora Fictícia" },
    },
  ],
  page_info: {
    results_per_page: 1,
    next_page_token: "05b60506b659c1c6e728db93eada6271e3adcfb4edf507b679874458e31577b3",
  },
};

export const SUBSCRIPTION_PURCHASES = [
  {
    transaction: "HP10000000000007",
    approved_date: 1717200060000,
    payment_engine: "HotPay",
    status: "APPROVED",
    price: { value: 49.9, currency_code: "BRL" },
    payment_type: "CREDIT_CARD",
    payment_method: "CREDIT_CARD_VISA",
    recurrency_number: 4,
    under_warranty: true,
    purchase_subscription: true,
  },
];

export const CANCEL_SINGLE = {
  status: "INACTIVE",
  subscriber_code: "ABCD1234",
  creation_date: "2024-03-01 10:00:00",
  current_recurrence: 4,
  date_last_recurrence: "2024-06-01 10:00:00",
  date_next_charge: "2024-07-01 12:00:00",
  due_day: 1,
  trial_period: 0,
  interval_type_between_charges: "MONTH",
  interval_between_charges: 1,
  max_charge_cycles: 12,
  activation_date: "2024-03-01 10:00:05",
  shopper: { email: "carla@example.com", phone: "(31) 99999-0000" },
};

export const CANCEL_BULK = {
  success_subscriptions: [
    {
      status: "INACTIVE",
      subscriber_code: "ABCD1234",
      creation_date: "2024-03-01 10:00:00",
      current_recurrence: 4,
      date_last_recurrence: "2024-06-01 10:00:00",
      date_next_charge: "2024-07-01 12:00:00",
      due_day: 1,
      trial_period: 0,
      interval_type_between_charges: "MONTH",
      interval_between_charges: 1,
      max_charge_cycles: 0,
      activation_date: "2024-03-01 10:00:05",
      shopper: { email: "carla@example.com", phone: "(31) 99999-0000" },
    },
  ],
  fail_subscriptions: [
    {
      status: "INACTIVE",
      error: "SUBSCRIPTION_ALREADY_CANCELED_OR_OVERDUE",
      subscriber_code: "WXYZ9876",
      creation_date: "2024-01-10 08:00:00",
      interval_between_charges: 30,
      shopper: { email: "davi@example.com", phone: "(31) 98888-0000" },
    },
  ],
};

export const REACTIVATE_SINGLE = {
  status: "INACTIVE",
  subscriber_code: "ABCD1234",
  creation_date: "2024-03-01 10:00:00",
  interval_between_charges: 30,
  shopper: { email: "carla@example.com", phone: "(31) 99999-0000" },
};

export const REACTIVATE_BULK = {
  success_subscriptions: [REACTIVATE_SINGLE],
  fail_subscriptions: [
    {
      status: "ACTIVE",
      error: "SUBSCRIPTION_ALREADY_ACTIVE",
      subscriber_code: "X53ZPFQZ",
      creation_date: "2024-01-10 08:00:00",
      interval_between_charges: 30,
      shopper: { email: "davi@example.com", phone: "(31) 98888-0000" },
    },
  ],
};

export const PRODUCTS_LIST = {
  items: [
    {
      id: 1234567,
      name: "Curso Exemplo",
      ucode: "9a8b7c6d-0000-4000-8000-00000000d004",
      status: "ACTIVE",
      created_at: 1700000000000,
      format: "ONLINE_COURSE",
      is_subscription: false,
      warranty_period: 7,
    },
  ],
  page_info: { next_page_token: "eyJyb3dzIjo1LCJwYWdlIjoyfQ==", results_per_page: 1 },
};

export const PRODUCT_OFFERS = {
  items: [
    {
      code: "abc12def",
      name: "Oferta principal",
      description: "",
      price: { value: 297, currency_code: "BRL" },
      payment_mode: "UNIQUE_PAYMENT",
      is_currency_conversion_enabled: true,
      is_smart_recovery_enabled: false,
      is_main_offer: true,
    },
  ],
  page_info: { next_page_token: "eyJwYWdlIjoyLCJzaXplIjoxOH0=", prev_page_token: null, results_per_page: 1 },
};

export const PRODUCT_PLANS = {
  items: [
    {
      code: "tz12qeev",
      name: "Mensal",
      description: "Plano mensal",
      price: { currency_code: "BRL", value: 49.9 },
      periodicity: "MONTHLY",
      max_installments: 1,
      payment_mode: "ASSINATURA",
      is_subscription_recovery_enabled: false,
      is_switch_plan_enabled: true,
    },
    {
      code: "x1n6kb1y",
      name: "Anual",
      description: "Plano anual",
      price: { currency_code: "BRL", value: 479 },
      periodicity: "ANNUAL",
      max_installments: 12,
      payment_mode: "ASSINATURA",
      trial_period: 7,
      is_subscription_recovery_enabled: true,
      is_switch_plan_enabled: true,
    },
  ],
  page_info: { results_per_page: 2 },
};

export const COUPONS_LIST = {
  items: [
    {
      id: 3000001,
      coupon_code: "BEMVINDO10",
      discount: 0.1,
      start_date: 1717200000000,
      status: "valid",
      active: true,
      time_zone: {
        description: "Fuso horário de Brasília",
        id: "America/Sao_Paulo",
        name: "AMERICA_SAO_PAULO",
        offset: "-03:00",
      },
    },
  ],
  page_info: { results_per_page: 20 },
};

export const CLUB_MODULES = [
  {
    module_id: "Ab3dE5gH7j",
    name: "Módulo 1",
    sequence: 1,
    is_public: false,
    is_extra: false,
    is_extra_paid: false,
    classes: ["Kl9mN0pQ2r"],
    total_pages: 4,
  },
];

export const CLUB_PAGES = [
  {
    page_id: "Pq1rS2tU3v",
    name: "Aula 1",
    type: "CONTENT",
    page_order: 1,
    total_comments: 3,
    rates: [{ rate: 5, total: 2 }],
    rates_average: 5.0,
    published: true,
    has_media: true,
    dripping_configs: [
      {
        liberation: { type: "BY_DAYS", liberation_days: 7 },
        expiration: { type: "BY_DAYS", duration_days: 90 },
        classes: [],
      },
    ],
  },
  {
    page_id: "Wx4yZ5aB6c",
    name: "Oferta",
    type: "ADVERTISEMENT",
    page_order: 2,
    total_comments: 0,
    rates: [],
    rates_average: 0.0,
    published: true,
    has_media: false,
    dripping_configs: [],
  },
];

export const CLUB_PAGES_V1 = [
  {
    name: "Aula 1",
    page_order: 1,
    type: "CONTENT",
    total_comments: 3,
    has_media: true,
    has_duration: false,
    liberation_type: "BY_DAYS",
    liberation_days: 7,
    days_of_duration: 0,
    rates: [{ rate: 5, total: 2 }],
  },
];

export const CLUB_STUDENT = {
  user_id: "Uv7wX8yZ9a",
  name: "Eva Exemplo",
  email: "eva@example.com",
  role: "STUDENT",
  first_access_date: 1717300000000,
  last_access_date: 1718000000000,
  locale: "pt_BR",
  plus_access: "WITHOUT_PLUS_ACCESS",
  progress: { completed_percentage: 45.5, total: 11, completed: 5 },
  status: "ACTIVE",
  purchase_date: 1717200000000,
  access_count: 12,
  is_deletable: true,
  class_id: "Kl9mN0pQ2r",
  type: "BUYER",
  engagement: "MEDIUM",
};

export const CLUB_USERS = {
  items: [CLUB_STUDENT],
  page_info: { total_results: 111, next_page_token: "eyJwYWdlIjoyLCJyb3dzIjoxMH0=", results_per_page: 1 },
};

export const CLUB_LESSONS = {
  lessons: [
    {
      page_id: "Pq1rS2tU3v",
      page_name: "Aula 1",
      module_name: "Módulo 1",
      is_module_extra: false,
      is_completed: true,
      completed_date: 1717400000000,
    },
    {
      page_id: "Wx4yZ5aB6c",
      page_name: "Aula 2",
      module_name: "Módulo 1",
      is_module_extra: false,
      is_completed: false,
    },
  ],
};

export const EVENT_INFO = {
  product: { name: "Evento Exemplo 2025", id: 2345678 },
  start_event_date: 1735729200000,
  end_event_date: 1735758000000,
  lots: [
    { id: 900001, name: "Lote 1" },
    { id: 900002, name: "Cortesias" },
  ],
};

export const EVENT_PARTICIPANTS = {
  items: [
    {
      participant: {
        id: 7001,
        name: "Fábio Exemplo",
        email: "fabio@example.com",
        document: "00000000000",
        phone: "31999990000",
      },
      buyer: {
        ucode: "2b3c4d5e-0000-4000-8000-00000000f006",
        name: "Gabi Exemplo",
        email: "gabi@example.com",
      },
      eticket: {
        ticket_qr_code: "100000000000000001",
        current_update: 1718000000000,
        checkin_status: "CONCLUDED",
        is_blocked: false,
        ticket_status: "SOLD",
        ticket_type: "PAID",
        id: 6000001,
        checkin_url: "https://example.invalid/eticket/abc?invite=false",
      },
      lot: { id: 900001, name: "Lote 1" },
      product: { id: 2345678, name: "Evento Exemplo 2025" },
    },
  ],
  page_info: { results_per_page: 1, next_page_token: "eyJwYWdlIjoyLCJyb3dzIjoxfQ==", total_results: 5 },
};

export const NEGOTIATION = {
  subscription_id: 1000001,
  transaction: "HP10000000000008",
  payment: {
    type: "PIX",
    expiration_date: 1718100000000,
    pix_code: "00020101021226...FICTICIO",
    pix_qrcode: "https://example.invalid/pix/qr?hash=abc123",
  },
};
