// Loaded first by the UI test's server process: moves its clock by WYGC_TEST_CLOCK_OFFSET_MS so that
// "now" lies just before the example calendar's weeks (March 2027), inside the 35-day routing horizon.
// Time still runs; only Date is moved (timers are relative and unaffected).

const offset = Number(process.env.WYGC_TEST_CLOCK_OFFSET_MS ?? '0');
const RealDate = Date;
const shiftedNow = () => RealDate.now() + offset;

if (offset !== 0) {
  globalThis.Date = new Proxy(RealDate, {
    construct: (target, args: unknown[]) =>
      args.length === 0 ? new target(shiftedNow()) : new target(...(args as [string | number])),
    apply: () => new RealDate(shiftedNow()).toString(),
    get: (target, property, receiver) =>
      property === 'now' ? shiftedNow : (Reflect.get(target, property, receiver) as unknown),
  });
}
