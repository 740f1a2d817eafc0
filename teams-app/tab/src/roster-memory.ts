interface RosterChoice {
  readonly number?: string | undefined;
  readonly from?: string | undefined;
}

let last: RosterChoice = {};

/**
 * The roster's last number and first day, for as long as the page lives: coming back through the
 * navigation shows the same week rather than jumping back to today.
 */
export const rosterMemory = {
  recall: (): RosterChoice => last,
  remember: (choice: RosterChoice): void => {
    last = choice;
  },
};
