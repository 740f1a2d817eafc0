import { formatNumber } from './format-number.ts';

/** What a figure should stay under. A miss is reported, never a failure: benchmarks inform, tests decide. */
export interface BenchTarget {
  readonly comparison: '<' | '<=';
  readonly value: number;
}

export interface BenchFigure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** Context printed beside the value, e.g. "0 GCs in 5,000,000 lookups". */
  readonly detail?: string;
  readonly target?: BenchTarget;
}

export interface RecordedFigure extends BenchFigure {
  readonly suite: string;
  /** Present when the figure has a target. */
  readonly pass?: boolean;
}

/** Collects figures suite by suite and prints each as it comes, so a long run shows progress. */
export interface BenchReport {
  startSuite(name: string): void;
  figure(figure: BenchFigure): void;
  readonly figures: readonly RecordedFigure[];
}

const nameWidth = 46;
const valueWidth = 12;
const unitWidth = 5;

const meets = (value: number, target: BenchTarget): boolean =>
  target.comparison === '<' ? value < target.value : value <= target.value;

const describe = (figure: BenchFigure, pass: boolean | undefined): string => {
  const { target } = figure;
  const verdict =
    target &&
    `target ${[target.comparison, formatNumber(target.value), figure.unit].join(' ').trimEnd()}: ${pass ? 'PASS' : 'MISS'}`;
  const parts = [figure.detail, verdict].filter((part) => part !== undefined && part !== '');
  return parts.length > 0 ? `  (${parts.join('; ')})` : '';
};

export const createBenchReport = (write: (line: string) => void): BenchReport => {
  const figures: RecordedFigure[] = [];
  let suite = '';
  return {
    figures,
    startSuite: (name) => {
      suite = name;
      write(`${figures.length > 0 ? '\n' : ''}== ${name} ==`);
    },
    figure: (figure) => {
      const pass = figure.target && meets(figure.value, figure.target);
      figures.push({ ...figure, suite, ...(pass === undefined ? {} : { pass }) });
      const value = formatNumber(figure.value).padStart(valueWidth);
      write(
        `  ${figure.name.padEnd(nameWidth)} ${value} ${figure.unit.padEnd(unitWidth)}${describe(figure, pass)}`.trimEnd(),
      );
    },
  };
};
