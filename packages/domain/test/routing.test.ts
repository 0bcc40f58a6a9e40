import { describe, expect, it } from 'vitest';
import { categoryCodes, routingRules, suggestRouting } from '../src/index.ts';

const bodies = (input: Parameters<typeof suggestRouting>[0]) => suggestRouting(input).map((s) => `${s.action}:${s.body}`);

describe('routing suggestions from the division of labour', () => {
  it('sends a child defamation case reported by a guardian to SIA', () => {
    const [s] = suggestRouting({ category: 'R01', consulter: 'GRD', victimUnder18: true });
    expect(s).toMatchObject({ body: 'sia', action: 'refer', rule: 'child-harm-to-sia' });
    expect(s!.reasonJa).toContain('セーファーインターネット協会');
  });

  it('sends net bullying of a child reported by a school to SIA', () => {
    expect(bodies({ category: 'B01', consulter: 'SCH', victimUnder18: true })).toEqual(['refer:sia']);
  });

  it('sends defamation reported by the adult victim to SIA, but not when a third party reports it', () => {
    expect(bodies({ category: 'R01', consulter: 'SELF', victimUnder18: false })).toEqual(['refer:sia']);
    expect(bodies({ category: 'R01', consulter: 'ORG', victimUnder18: false })).toEqual(['advise:center']);
  });

  it('sends illegal content, serious-crime and suicide information to the Hotline Center', () => {
    for (const category of ['I02', 'I03', 'H01', 'H02', 'H03']) expect(bodies({ category })).toEqual(['refer:hotline']);
  });

  it('sends sexual images of a child to the Hotline Center', () => {
    expect(bodies({ category: 'R05', victimUnder18: true })).toEqual(['refer:hotline']);
  });

  it('routes consumer trouble to the counselors, disclosure to legal help, discrimination to the Legal Affairs Bureau', () => {
    expect(bodies({ category: 'C01' })).toEqual(['refer:consumer']);
    expect(bodies({ category: 'P02' })).toEqual(['advise:houterasu']);
    expect(bodies({ category: 'R09' })).toEqual(['advise:moj']);
  });

  it('falls back to the Center’s advice, and has a suggestion for every category', () => {
    expect(bodies({ category: 'Z99' })).toEqual(['advise:center']);
    for (const category of categoryCodes) expect(suggestRouting({ category }).length).toBeGreaterThan(0);
  });

  it('has rules with unique ids and labels in both languages', () => {
    expect(new Set(routingRules.map((r) => r.id)).size).toBe(routingRules.length);
    for (const r of routingRules) expect(r.ja.length > 0 && r.en.length > 0).toBe(true);
  });
});
