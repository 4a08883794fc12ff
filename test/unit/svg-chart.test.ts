import { escapeXml, niceStep, renderBarChart, renderLineChart, valueAxis, type ChartSpec } from '../../src/domain/svg-chart';

function spec(overrides: Partial<ChartSpec> = {}): ChartSpec {
  return {
    id: 'c1',
    title: 'Oppdrag per måned',
    description: 'Søyler for oppdrag og besatte oppdrag.',
    categories: ['jan', 'feb', 'mar'],
    series: [
      { name: 'Oppdrag', values: [4, 0, 7], color: '#0b5394' },
      { name: 'Besatt', values: [3, null, 5], color: '#1b6e2d' },
    ],
    ...overrides,
  };
}

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

describe('escapeXml', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['Tom & Jerry', 'Tom &amp; Jerry'],
    ['"x" \'y\'', '&quot;x&quot; &#39;y&#39;'],
    ['Ærlig talt', 'Ærlig talt'],
  ])('%s', (input, expected) => {
    expect(escapeXml(input)).toBe(expected);
  });
});

describe('axis steps', () => {
  it.each<[number, number]>([
    [0.3, 0.5], [1, 1], [1.1, 2], [3, 5], [7, 10], [12, 20], [250, 500], [0, 1], [-4, 1], [Number.NaN, 1],
  ])('niceStep(%p) = %p', (rough, expected) => {
    expect(niceStep(rough)).toBe(expected);
  });

  it.each<[string, (number | null)[], number | undefined, number, number[]]>([
    ['counts step by whole numbers', [1, 2, 3], undefined, 3, [0, 1, 2, 3]],
    ['no data still has an axis', [], undefined, 1, [0, 1]],
    ['all zeros', [0, 0], undefined, 1, [0, 1]],
    ['round top above the largest value', [17, null, 3], undefined, 20, [0, 5, 10, 15, 20]],
    ['a fixed top (percent)', [40, 95], 100, 100, [0, 50, 100]],
  ])('%s', (_name, values, fixedMax, top, ticks) => {
    expect(valueAxis(values, fixedMax)).toEqual({ top, ticks });
  });
});

describe('renderBarChart', () => {
  it('is an accessible image: named by its title, described by its description', () => {
    const svg = renderBarChart(spec());
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="c1-title" aria-describedby="c1-desc"/);
    expect(svg).toContain('<title id="c1-title">Oppdrag per måned</title>');
    expect(svg).toContain('<desc id="c1-desc">Søyler for oppdrag og besatte oppdrag.</desc>');
  });

  it('draws one bar per positive value, each with a tooltip, and nothing for zero or missing', () => {
    const svg = renderBarChart(spec());
    expect(count(svg, '<rect x=') - 2 /* legend swatches */).toBe(4);
    expect(svg).toContain('<title>mar: Oppdrag 7</title>');
    expect(svg).not.toContain('NaN');
  });

  it('escapes every text it is given', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const svg = renderBarChart(spec({
      id: 'x"><script>', title: evil, description: evil, categories: [evil, 'b', 'c'],
      series: [{ name: evil, values: [1, 2, 3], color: '"><script>alert(1)</script>' }],
    }));
    expect(svg).not.toContain('<img');
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('uses the value format on the axis and in tooltips', () => {
    const svg = renderBarChart(spec({ formatValue: (v) => `${v} t` }));
    expect(svg).toContain('<title>jan: Oppdrag 4 t</title>');
    expect(svg).toContain('>8 t</text>');
  });
});

describe('renderLineChart', () => {
  it('breaks the line where a value is missing and marks each point', () => {
    const svg = renderLineChart(spec({
      series: [{ name: 'Besettelsesgrad', values: [50, null, 75, 80], color: '#0b5394' }],
      categories: ['jan', 'feb', 'mar', 'apr'], maxValue: 100,
    }));
    const path = /<path d="([^"]+)"/.exec(svg)![1]!;
    expect(count(path, 'M')).toBe(2);
    expect(count(path, 'L')).toBe(1);
    expect(count(svg, '<circle')).toBe(3);
  });

  it('draws no path for a series without values', () => {
    const svg = renderLineChart(spec({ series: [{ name: 'Tom', values: [null, null, null], color: '#000' }] }));
    expect(svg).not.toContain('<path');
    expect(svg).toContain('<title id="c1-title">');
  });
});
