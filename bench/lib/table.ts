// The one table `npm run bench` prints: what, measured, goal, pass/fail; long cells wrap.

export type Verdict = 'pass' | 'FAIL' | 'info';

export interface Row {
  what: string;
  measured: string;
  goal: string;
  verdict: Verdict;
}

const widths = { what: 34, measured: 62, goal: 34, verdict: 7 } as const;

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    lines.push(line);
  }
  return lines;
}

export function renderTable(rows: readonly Row[]): string {
  const columns = ['what', 'measured', 'goal', 'verdict'] as const;
  const rule = `+${columns.map((column) => '-'.repeat(widths[column] + 2)).join('+')}+`;
  const line = (cells: Record<(typeof columns)[number], string>) =>
    `|${columns.map((column) => ` ${cells[column].padEnd(widths[column])} `).join('|')}|`;
  const out = [rule, line({ what: 'what', measured: 'measured', goal: 'goal', verdict: 'result' }), rule];
  for (const row of rows) {
    const wrapped = {
      what: wrap(row.what, widths.what),
      measured: wrap(row.measured, widths.measured),
      goal: wrap(row.goal, widths.goal),
      verdict: [row.verdict],
    };
    const height = Math.max(...columns.map((column) => wrapped[column].length));
    for (let index = 0; index < height; index += 1) {
      out.push(line({
        what: wrapped.what[index] ?? '',
        measured: wrapped.measured[index] ?? '',
        goal: wrapped.goal[index] ?? '',
        verdict: wrapped.verdict[index] ?? '',
      }));
    }
    out.push(rule);
  }
  return out.join('\n');
}
