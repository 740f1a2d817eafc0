/** Test support only: reading the card out of an answer, whatever navigation carries it. */

export interface SentWidget {
  readonly textParagraph?: { text: string };
  readonly decoratedText?: {
    topLabel?: string;
    text: string;
    bottomLabel?: string;
    button?: { text: string };
  };
  readonly buttonList?: {
    buttons: {
      text: string;
      onClick: { action?: { function: string; parameters?: { key: string; value: string }[] } };
    }[];
  };
  readonly textInput?: { name: string; label: string; value?: string };
}

export interface SentCard {
  readonly name: string;
  readonly header: { title: string; subtitle?: string };
  readonly sections: readonly { header?: string; widgets: readonly SentWidget[] }[];
}

interface AnyAnswer {
  action?: { navigations: { pushCard?: SentCard }[] };
  renderActions?: {
    action: {
      navigations?: { pushCard?: SentCard; updateCard?: SentCard }[];
      notification?: { text: string };
    };
  };
}

export const sentCard = (body: unknown): SentCard | undefined => {
  const answer = body as AnyAnswer;
  const navigation: { pushCard?: SentCard; updateCard?: SentCard } | undefined =
    answer.action?.navigations[0] ?? answer.renderActions?.action.navigations?.[0];
  return navigation?.updateCard ?? navigation?.pushCard;
};

export const navigationKind = (body: unknown): string | undefined => {
  const navigation = (body as AnyAnswer).renderActions?.action.navigations?.[0];
  return navigation ? Object.keys(navigation)[0] : undefined;
};

export const notificationOf = (body: unknown): string | undefined =>
  (body as AnyAnswer).renderActions?.action.notification?.text;

export const widgetsOf = (body: unknown): SentWidget[] =>
  (sentCard(body)?.sections ?? []).flatMap((section) => [...section.widgets]);

export const paragraphsOf = (body: unknown): string[] =>
  widgetsOf(body).flatMap((widget) => (widget.textParagraph ? [widget.textParagraph.text] : []));

export const buttonTextsOf = (body: unknown): string[] =>
  widgetsOf(body).flatMap((widget) => [
    ...(widget.buttonList?.buttons.map((button) => button.text) ?? []),
    ...(widget.decoratedText?.button ? [widget.decoratedText.button.text] : []),
  ]);

export const inputsOf = (body: unknown): Record<string, string | undefined> =>
  Object.fromEntries(
    widgetsOf(body).flatMap((widget) =>
      widget.textInput ? [[widget.textInput.name, widget.textInput.value]] : [],
    ),
  );
