import type { GraphWebhookRequest, GraphWebhookResponse } from './graph-webhook-exchange.ts';

const maxTokenLength = 1024;

/**
 * Graph's tokens are opaque printable text and never contain markup; anything else is not Graph, and
 * echoing it back would turn our endpoint into a reflector.
 */
const acceptableToken = /^[^\p{Cc}<>]+$/u;

/**
 * The endpoint validation Graph performs when a subscription is created: `POST url?validationToken=…`
 * with an empty body, answered 200 text/plain with the decoded token within 10 seconds. Checked before
 * anything else of the request is read. Undefined when the request is not a validation request.
 */
export const answerGraphValidationToken = (
  request: GraphWebhookRequest,
): GraphWebhookResponse | undefined => {
  const token = request.query.validationToken;
  if (token === undefined) return undefined;
  if (typeof token !== 'string' || token.length > maxTokenLength || !acceptableToken.test(token)) {
    return { status: 400, contentType: 'text/plain; charset=utf-8', body: 'invalid validationToken' };
  }
  return { status: 200, contentType: 'text/plain; charset=utf-8', body: token };
};
