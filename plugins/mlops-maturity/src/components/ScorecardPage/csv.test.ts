import type { AssessmentSummary } from '@mlops-maturity/plugin-mlops-maturity-common';
import { CSV_COLUMNS, csvCell, csvFileName, downloadCsv, toCsv } from './csv';

const row: AssessmentSummary = {
  entityRef: 'component:default/fraud-scorer',
  title: 'Fraud scorer',
  owner: 'group:default/fraud-ml',
  system: 'system:default/payments',
  domain: 'domain:default/finance',
  lifecycle: 'production',
  level: 2,
  verifiedLevel: 1,
  targetLevel: 3,
  meetsTarget: false,
  assessedAt: '2026-03-20T12:00:00.000Z',
  waivedChecks: 1,
};

describe('csvCell', () => {
  it('writes plain text, numbers and booleans as they are', () => {
    expect(csvCell('production')).toBe('production');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(4)).toBe('4');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(false)).toBe('false');
  });

  it('writes absent values as empty cells', () => {
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell('')).toBe('');
  });

  it('quotes cells with commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvCell('Fraud, scoring')).toBe('"Fraud, scoring"');
    expect(csvCell('The "best" model')).toBe('"The ""best"" model"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvCell('"')).toBe('""""');
  });

  it.each([
    [
      '=HYPERLINK("http://evil.example","click")',
      `"'=HYPERLINK(""http://evil.example"",""click"")"`,
    ],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
  ])('keeps %j from running as a formula', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('leaves formula characters alone when they do not start the cell', () => {
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('team-a@example.com')).toBe('team-a@example.com');
    // Numbers are written as numbers, not guarded as text.
    expect(csvCell(-1)).toBe('-1');
  });
});

describe('toCsv', () => {
  it('writes the header row of the export columns', () => {
    expect(toCsv([])).toBe(
      'entityRef,title,owner,system,domain,lifecycle,level,verifiedLevel,targetLevel,meetsTarget,assessedAt,waivedChecks\r\n',
    );
    expect(CSV_COLUMNS).toHaveLength(12);
  });

  it('writes one CRLF-terminated line per row in the column order', () => {
    const csv = toCsv([
      row,
      { ...row, entityRef: 'component:default/b', meetsTarget: true },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'entityRef,title,owner,system,domain,lifecycle,level,verifiedLevel,targetLevel,meetsTarget,assessedAt,waivedChecks',
      'component:default/fraud-scorer,Fraud scorer,group:default/fraud-ml,system:default/payments,domain:default/finance,production,2,1,3,false,2026-03-20T12:00:00.000Z,1',
      'component:default/b,Fraud scorer,group:default/fraud-ml,system:default/payments,domain:default/finance,production,2,1,3,true,2026-03-20T12:00:00.000Z,1',
      '',
    ]);
  });

  it('leaves absent optional fields empty and keeps the column count', () => {
    const csv = toCsv([
      {
        entityRef: 'component:default/bare',
        level: 0,
        verifiedLevel: 0,
        targetLevel: 2,
        meetsTarget: false,
        assessedAt: '2026-03-20T12:00:00.000Z',
      },
    ]);
    expect(csv.split('\r\n')[1]).toBe(
      'component:default/bare,,,,,,0,0,2,false,2026-03-20T12:00:00.000Z,',
    );
  });

  it('quotes and guards hostile titles so that each row stays one record', () => {
    const csv = toCsv([{ ...row, title: '=cmd|"/C calc"!A0, and\nmore' }]);
    const [, line] = csv.split('\r\n', 2);
    expect(line).toBe(
      `component:default/fraud-scorer,"'=cmd|""/C calc""!A0, and\nmore",group:default/fraud-ml,system:default/payments,domain:default/finance,production,2,1,3,false,2026-03-20T12:00:00.000Z,1`,
    );
  });
});

describe('csvFileName', () => {
  it('names the file after the day of the export', () => {
    expect(csvFileName(new Date('2026-03-20T23:59:00Z'))).toBe(
      'mlops-maturity-2026-03-20.csv',
    );
  });
});

describe('downloadCsv', () => {
  it('clicks an anchor to an object URL of a CSV blob, then releases it', async () => {
    jest.useFakeTimers();
    const createObjectURL = jest.fn((_blob: Blob) => 'blob:csv-1');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicked: HTMLAnchorElement[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function recordClick(this: HTMLAnchorElement) {
        clicked.push(this);
      });
    try {
      downloadCsv('a,b\r\n', 'export.csv');

      expect(clicked).toHaveLength(1);
      expect(clicked[0].getAttribute('href')).toBe('blob:csv-1');
      expect(clicked[0].download).toBe('export.csv');
      expect(clicked[0].isConnected).toBe(false);
      const blob = createObjectURL.mock.calls[0][0];
      expect(blob.type).toBe('text/csv;charset=utf-8');
      // A UTF-8 byte order mark, then the CSV.
      const bytes = new Uint8Array(await blob.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(new TextDecoder().decode(bytes)).toBe('a,b\r\n');

      expect(revokeObjectURL).not.toHaveBeenCalled();
      jest.runAllTimers();
      expect(revokeObjectURL).toHaveBeenCalledWith('blob:csv-1');
    } finally {
      click.mockRestore();
      jest.useRealTimers();
    }
  });
});
