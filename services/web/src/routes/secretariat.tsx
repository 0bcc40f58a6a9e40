/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Scroll } from '../views/scroll.tsx';
import type { Hono } from 'hono';
import { ApiError } from '../api.ts';
import type { WebEnv } from '../context.ts';
import { postedForm, requireArea } from '../guards.tsx';
import { formatTime, type Lang } from '../i18n.ts';
import { render } from '../render.ts';
import type { ReleaseSummary } from '../tables.ts';
import { Csrf, Layout, Problem } from '../views/layout.tsx';
import { fiscalYearOf } from './mine.tsx';
import { grainLabel } from './stats.tsx';

const PERIOD = /^([0-9]{4}-(0[1-9]|1[0-2])|[0-9]{4}Q[1-4]|FY[0-9]{4})$/;

interface Period {
  id: string;
  grain: ReleaseSummary['grain'];
  ja: string;
  en: string;
  /** The first moment after the period (Japan time), as UTC. */
  end: Date;
}

const jstMidnight = (y: number, m0: number) => new Date(Date.UTC(y, m0, 1) - 9 * 3600_000);

/** The months, quarters and the year of a fiscal year (April–March), with when each closes. */
export function fiscalPeriods(fy: number): Period[] {
  const months: Period[] = Array.from({ length: 12 }, (_, i) => {
    const m0 = (3 + i) % 12;
    const y = i < 9 ? fy : fy + 1;
    return {
      id: `${y}-${String(m0 + 1).padStart(2, '0')}`,
      grain: 'month',
      ja: `${y}年${m0 + 1}月`,
      en: `${y}-${String(m0 + 1).padStart(2, '0')}`,
      end: jstMidnight(y, m0 + 1),
    };
  });
  const quarters: Period[] = [1, 2, 3, 4].map((q) => ({
    id: `${fy}Q${q}`,
    grain: 'quarter',
    ja: `${fy}年度 第${q}四半期`,
    en: `FY${fy} Q${q}`,
    end: months[q * 3 - 1]!.end,
  }));
  return [...months, ...quarters, { id: `FY${fy}`, grain: 'fiscal-year', ja: `${fy}年度`, en: `FY${fy}`, end: months[11]!.end }];
}

/** The secretariat's page: which periods are released, and releasing a closed one now. */
export function secretariatRoutes(app: Hono<WebEnv>): void {
  const guard = requireArea('secretariat');

  app.get('/secretariat', guard, async (c) => {
    const page = c.get('page');
    const { t, lang } = page;
    const { items } = await c.get('api')!.get<{ items: ReleaseSummary[] }>('/v1/stats/releases');
    const released = new Map(items.map((r) => [r.period, r]));
    const fy = fiscalYearOf(new Date());
    const now = Date.now();
    const released_ = c.req.query('released');
    const failed = c.req.query('failed');
    const name = (p: { ja: string; en: string }, l: Lang) => (l === 'ja' ? p.ja : p.en);
    return render(
      c,
      <Layout ctx={page} title={t.secretariatTitle} section="secretariat">
        <p class="lead">{t.secretariatLead}</p>
        {released_ && PERIOD.test(released_) ? (
          <p class="notice" role="status">
            {t.releaseDone}: {released_}
          </p>
        ) : null}
        {failed && PERIOD.test(failed) ? (
          <p class="notice error" role="alert">
            {t.releaseFailed}: {failed} {(c.req.query('reason') ?? '').slice(0, 200)}
          </p>
        ) : null}
        {[fy, fy - 1].map((year) => (
          <section aria-labelledby={`fy-${year}`}>
            <h2 id={`fy-${year}`}>{lang === 'ja' ? `${year}年度` : `FY${year}`}</h2>
            <Scroll labelledBy={`fy-${year}`}>
              <table data-periods={year}>
                <thead>
                  <tr>
                    <th scope="col">{t.period}</th>
                    <th scope="col">{t.grain}</th>
                    <th scope="col">{t.status}</th>
                    <th scope="col">{t.builtAt}</th>
                    <th scope="col">
                      <span class="muted">—</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {fiscalPeriods(year).map((p) => {
                    const r = released.get(p.id);
                    const closed = p.end.getTime() <= now;
                    return (
                      <tr data-period={p.id} data-released={r ? 'yes' : 'no'}>
                        <th scope="row">{r ? <a href={`/stats/releases/${r.id}`}>{name(p, lang)}</a> : name(p, lang)}</th>
                        <td>{grainLabel(t, p.grain)}</td>
                        <td>{r ? t.released : t.notReleased}</td>
                        <td>{r ? formatTime(r.builtAt) : ''}</td>
                        <td>
                          {!r && closed ? (
                            <form method="post" action="/secretariat/releases">
                              <Csrf ctx={page} />
                              <input type="hidden" name="period" value={p.id} />
                              <button type="submit" class="primary" aria-label={`${t.releaseNow}: ${name(p, lang)}`}>
                                {t.releaseNow}
                              </button>
                            </form>
                          ) : null}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </Scroll>
          </section>
        ))}
      </Layout>,
    );
  });

  app.post('/secretariat/releases', guard, async (c) => {
    const page = c.get('page');
    const form = await postedForm(c);
    if (!form) return render(c, <Problem ctx={page} title={page.t.badRequestTitle} body={page.t.formRefused} />, 403);
    const period = form.period ?? '';
    if (!PERIOD.test(period))
      return render(c, <Problem ctx={page} title={page.t.badRequestTitle} body="period: must be 2026-10, 2026Q3 or FY2026" />, 400);
    try {
      await c.get('api')!.post('/v1/stats/releases', { period });
      return c.redirect(`/secretariat?released=${encodeURIComponent(period)}`, 303);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 409 || err.status === 422)) {
        return c.redirect(`/secretariat?failed=${encodeURIComponent(period)}&reason=${encodeURIComponent(err.code)}`, 303);
      }
      throw err;
    }
  });
}
