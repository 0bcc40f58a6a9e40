import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogueFile, loadCatalogue } from '../src/domain/catalogue.ts';

const shipped = JSON.parse(readFileSync(catalogueFile, 'utf8'));
const withTable = (patch: Record<string, unknown>) => ({ tables: [{ ...shipped.tables[0], ...patch }] });

describe('catalogue of published tables (data/tables.json)', () => {
  it('ships the tables the council publishes, each a projection of one fact kind', () => {
    const ids = loadCatalogue().map((t) => t.id);
    for (const id of [
      'consultations-by-body-month',
      'category-by-body',
      'platform-type-by-category',
      'art25-outcomes-by-operator',
      'referral-flows',
      'outcome-by-category',
      'deadline-compliance-by-recipient',
      'consulter-by-category',
      'under18-by-category',
    ]) {
      expect(ids).toContain(id);
    }
    const under18 = loadCatalogue().find((t) => t.id === 'under18-by-category')!;
    expect(under18.k).toBeGreaterThan(loadCatalogue().find((t) => t.id === 'category-by-body')!.k);
  });

  it('refuses a dimension its kind does not have, naming the table and field', () => {
    expect(() => loadCatalogue(withTable({ id: 'bad-one', cols: 'recipient' }))).toThrow(
      /table "bad-one": field "cols": unknown dimension "recipient" for kind consultation/,
    );
    expect(() => loadCatalogue(withTable({ id: 'bad-two', filter: { colour: ['red'] } }))).toThrow(
      /table "bad-two": field "filter.colour": unknown dimension/,
    );
  });

  it('refuses unknown codes, bad k, duplicate ids and unknown fields', () => {
    expect(() => loadCatalogue(withTable({ filter: { category: ['R99'] } }))).toThrow(/field "filter.category": unknown code "R99"/);
    expect(() => loadCatalogue(withTable({ k: 1 }))).toThrow(/field "k"/);
    expect(() => loadCatalogue(withTable({ stricter: { k: 20, codes: { category: ['R05'] } } }))).toThrow(
      /field "stricter.codes.category": not a dimension of the table/,
    );
    expect(() =>
      loadCatalogue(withTable({ id: 'strict-test', rows: 'category', stricter: { k: 20, codes: { category: ['X77'] } } })),
    ).toThrow(/unknown code "X77"/);
    expect(() => loadCatalogue({ tables: [shipped.tables[0], shipped.tables[0]] })).toThrow(/field "id": appears twice/);
    expect(() => loadCatalogue(withTable({ colour: 'red' }))).toThrow(/table "consultations-by-body-month"/);
  });
});
