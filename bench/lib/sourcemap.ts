// Which source file each byte of a built file came from, read from its source map: the bundle
// analysis behind the size breakdown (the shipped, minified file itself, not a second build).

const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const digit = new Map([...base64].map((char, index) => [char, index]));

/** Decodes one mapping segment's VLQ fields. */
function decodeSegment(segment: string): number[] {
  const fields: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const bits = digit.get(char) ?? 0;
    value += (bits & 31) << shift;
    if (bits & 32) {
      shift += 5;
      continue;
    }
    fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return fields;
}

export interface SourceMapV3 {
  sources: string[];
  mappings: string;
}

/** The generated code split by source: `source → the generated text mapped to it`. */
export function bytesBySource(code: string, map: SourceMapV3): Map<string, string> {
  const lines = code.split('\n');
  const starts: Array<{ offset: number; source: string }> = [];
  let lineOffset = 0;
  let source = 0;
  map.mappings.split(';').forEach((line, lineIndex) => {
    let column = 0;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const fields = decodeSegment(segment);
      column += fields[0] ?? 0;
      if (fields.length >= 4) source += fields[1] ?? 0;
      starts.push({ offset: lineOffset + column, source: fields.length >= 4 ? (map.sources[source] ?? '(unmapped)') : '(unmapped)' });
    }
    lineOffset += (lines[lineIndex]?.length ?? 0) + 1;
  });
  starts.sort((a, b) => a.offset - b.offset);
  const bySource = new Map<string, string>();
  const firstStart = starts[0]?.offset ?? code.length;
  if (firstStart > 0) bySource.set('(unmapped)', code.slice(0, firstStart));
  starts.forEach((start, index) => {
    const end = starts[index + 1]?.offset ?? code.length;
    bySource.set(start.source, (bySource.get(start.source) ?? '') + code.slice(start.offset, end));
  });
  return bySource;
}
