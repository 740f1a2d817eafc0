/**
 * What the HTTP layer hands a Graph webhook handler and sends back. `query` holds decoded values, as
 * URLSearchParams or a framework's query parser gives them; `body` is the raw request body.
 */
export interface GraphWebhookRequest {
  readonly query: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly body: string;
}

export interface GraphWebhookResponse {
  readonly status: number;
  readonly contentType?: string;
  readonly body?: string;
}

export type GraphWebhookHandler = (request: GraphWebhookRequest) => Promise<GraphWebhookResponse>;

/**
 * The answers both Graph webhooks give after validation. `refused`: nothing in the request passed
 * validation. Graph only sends notifications of live subscriptions with their clientState, so this is
 * a forgery or a subscription we no longer know; both get a 4xx (Graph retries a stale one for a while,
 * then the subscription expires). Unknown ids and wrong secrets get the same answer, so the status
 * tells a prober nothing. `accepted` is sent before any sync runs.
 */
export const graphWebhookAnswers = {
  accepted: { status: 202 },
  malformed: { status: 400 },
  refused: { status: 403 },
} as const satisfies Record<string, GraphWebhookResponse>;
