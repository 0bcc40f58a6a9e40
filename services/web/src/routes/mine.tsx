/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Scroll } from '../views/scroll.tsx';
import { categories, taskStatusLabels } from '@liaison/domain';
import type { Hono } from 'hono';
import type { Api } from '../api.ts';
import { renderChart } from '../charts.ts';
import type { WebContext, WebEnv } from '../context.ts';
import { tableCsv } from '../csv.ts';
import { requireArea } from '../guards.tsx';
import { formatNumber, formatTime, type Lang, type Messages } from '../i18n.ts';
import { render } from '../render.ts';
import type { OwnStatistics, StatTable } from '../tables.ts';
import { Layout } from '../views/layout.tsx';
import { StatFigure } from '../views/statistics.tsx';

/** The tables the member page draws (the others are downloads): by month, categories, referrals, deadlines. */
const drawn = [
  'consultations-by-body-month',
  'category-by-body',
  'referral-flows',
  'deadline-compliance-by-recipient',
  'statutory-clock-misses',
];

interface ReferralItem {
  id?: string;
  referralId?: string;
  sender: string;
  recipient: string;
  category: string;
  status: string;
  urgent: boolean;
  createdAt?: string;
  sentAt?: string | null;
  receivedAt?: string;
}
interface OverdueDeadline {
  referralId: string;
  clock: string;
  dueAt: string;
  sender: string;
  recipient: string;
  category: string;
  status: string;
}
interface OverdueAction {
  id: string;
  action: string;
  clock: string | null;
  dueAt: string | null;
  designatedPlatform: boolean;
}

/** The fiscal year (April–March, Japan time) a moment falls in. */
export function fiscalYearOf(at: Date): number {
  const jst = new Date(at.getTime() + 9 * 3600_000);
  return jst.getUTCMonth() >= 3 ? jst.getUTCFullYear() : jst.getUTCFullYear() - 1;
}

const categoryName = (code: string, lang: Lang) => {
  const c = categories.find((x) => x.code === code);
  return c ? (lang === 'ja' ? c.ja : c.en) : code;
};
const statusName = (code: string, lang: Lang) => {
  const s = taskStatusLabels[code as keyof typeof taskStatusLabels];
  return s ? (lang === 'ja' ? s.ja : s.en) : code;
};

const clockNames: Record<string, { ja: string; en: string }> = {
  acknowledge: { ja: '受領', en: 'Acknowledge' },
  decide: { ja: '受諾・辞退', en: 'Decide' },
  complete: { ja: '完了', en: 'Complete' },
  'art25-decision': { ja: '25条 7日以内の判断', en: 'Art. 25 decision (7 days)' },
  'sender-objection': { ja: '発信者への照会', en: 'Sender objection' },
};
const clockName = (code: string | null, lang: Lang) => (code ? (clockNames[code]?.[lang] ?? code) : '');

/** Everything the member page shows, read as the person (own body only: the services see to that). */
async function loadMine(api: Api) {
  const fy = fiscalYearOf(new Date());
  const [own, inbox, actionNeeded, sent, overdue, clocks] = await Promise.all([
    api.get<OwnStatistics>(`/v1/stats/own?period=FY${fy}`),
    api.get<{ items: ReferralItem[] }>('/v1/inbox?limit=20'),
    api.get<{ items: ReferralItem[] }>('/v1/referrals/action-needed?limit=20'),
    api.get<{ items: ReferralItem[] }>('/v1/referrals/sent?limit=20'),
    api.get<{ items: OverdueDeadline[] }>('/v1/deadlines/overdue'),
    api.get<{ items: OverdueAction[] }>('/v1/cases/actions/overdue'),
  ]);
  return { own, inbox: inbox.items, actionNeeded: actionNeeded.items, sent: sent.items, overdue: overdue.items, clocks: clocks.items };
}

const total = (table: StatTable | undefined) => table?.cells.find((c) => c.row === '_total' && c.col === '_total')?.value ?? null;

function ReferralList(props: { items: ReferralItem[]; lang: Lang; t: Messages; id: string; caption: string }) {
  const { items, lang, t } = props;
  if (items.length === 0) return <p data-list={props.id}>{t.nothing}</p>;
  return (
    <Scroll label={props.caption}>
      <table data-list={props.id}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.referralId}</th>
            <th scope="col">{t.sender}</th>
            <th scope="col">{t.recipient}</th>
            <th scope="col">{t.category}</th>
            <th scope="col">{t.status}</th>
            <th scope="col">{t.created}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => {
            const id = r.referralId ?? r.id ?? '';
            return (
              <tr data-referral={id}>
                <th scope="row" class="code">
                  {id.slice(0, 8)}
                  {r.urgent ? <strong> {lang === 'ja' ? '至急' : 'urgent'}</strong> : null}
                </th>
                <td>{r.sender}</td>
                <td>{r.recipient}</td>
                <td>{categoryName(r.category, lang)}</td>
                <td>{statusName(r.status, lang)}</td>
                <td>{formatTime(r.receivedAt ?? r.sentAt ?? r.createdAt ?? '')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Scroll>
  );
}

/** The live part of the member page (swapped in whole when an event arrives). */
function MineFigures({ data, lang, t }: { data: Awaited<ReturnType<typeof loadMine>>; lang: Lang; t: Messages }) {
  const { own } = data;
  const byId = new Map(own.tables.map((x) => [x.id, x]));
  const cards: [string, number | null, string][] = [
    [
      lang === 'ja' ? `${own.labelJa}の相談件数` : `Consultations, ${own.labelEn}`,
      total(byId.get('consultations-by-body-month')),
      'consultations',
    ],
    [t.inbox, data.inbox.length, 'inbox'],
    [t.actionNeeded, data.actionNeeded.length, 'action-needed'],
    [t.overdueDeadlines, data.overdue.length, 'overdue'],
    [t.overdueClocks, data.clocks.length, 'clocks'],
  ];
  const base = `/me/tables`;
  return (
    <>
      <div class="cards">
        {cards.map(([name, value, key]) => (
          <div class="card" data-card={key} data-period={own.period}>
            <div>{name}</div>
            <div class="big">{value === null ? '—' : formatNumber(value)}</div>
          </div>
        ))}
      </div>
      <h2 id="inbox">{t.actionNeeded}</h2>
      <ReferralList items={data.actionNeeded} lang={lang} t={t} id="action-needed" caption={t.actionNeeded} />
      <h2>{t.inbox}</h2>
      <ReferralList items={data.inbox} lang={lang} t={t} id="inbox" caption={t.inbox} />
      <h2>{t.sent}</h2>
      <ReferralList items={data.sent} lang={lang} t={t} id="sent" caption={t.sent} />
      <h2>{t.overdueDeadlines}</h2>
      {data.overdue.length === 0 ? (
        <p>{t.nothing}</p>
      ) : (
        <Scroll label={t.overdueDeadlines}>
          <table data-list="overdue">
            <thead>
              <tr>
                <th scope="col">{t.referralId}</th>
                <th scope="col">{t.clock}</th>
                <th scope="col">{t.due}</th>
                <th scope="col">{t.sender}</th>
                <th scope="col">{t.recipient}</th>
                <th scope="col">{t.status}</th>
              </tr>
            </thead>
            <tbody>
              {data.overdue.map((d) => (
                <tr>
                  <th scope="row" class="code">
                    {d.referralId.slice(0, 8)}
                  </th>
                  <td>{clockName(d.clock, lang)}</td>
                  <td>{formatTime(d.dueAt)}</td>
                  <td>{d.sender}</td>
                  <td>{d.recipient}</td>
                  <td>{statusName(d.status, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
      <h2>{t.overdueClocks}</h2>
      {data.clocks.length === 0 ? (
        <p>{t.nothing}</p>
      ) : (
        <Scroll label={t.overdueClocks}>
          <table data-list="clocks">
            <thead>
              <tr>
                <th scope="col">ID</th>
                <th scope="col">{t.clock}</th>
                <th scope="col">{t.due}</th>
              </tr>
            </thead>
            <tbody>
              {data.clocks.map((a) => (
                <tr>
                  <th scope="row" class="code">
                    {a.id.slice(0, 8)}
                  </th>
                  <td>{clockName(a.clock, lang)}</td>
                  <td>{a.dueAt ? formatTime(a.dueAt) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
      {own.tables
        .filter((table) => drawn.includes(table.id))
        .map((table) => (
          <StatFigure
            table={table}
            lang={lang}
            t={t}
            svg={renderChart(table, { lang })}
            csv={`${base}/${table.id}.csv`}
            json={`${base}/${table.id}.json`}
          />
        ))}
      <h2>{t.releaseTables}</h2>
      <ul>
        {own.tables
          .filter((table) => !drawn.includes(table.id))
          .map((table) => (
            <li>
              {lang === 'ja' ? table.titleJa : table.titleEn}: <a href={`${base}/${table.id}.csv`}>{t.downloadCsv}</a> ·{' '}
              <a href={`${base}/${table.id}.json`}>{t.downloadJson}</a>
            </li>
          ))}
      </ul>
    </>
  );
}

async function fragment(c: WebContext) {
  const { t, lang } = c.get('page');
  const data = await loadMine(c.get('api')!);
  c.header('Cache-Control', 'no-store');
  return c.html(await (<MineFigures data={data} lang={lang} t={t} />).toString());
}

/** The member page: the body's own exact figures and referral lists, updated live; its downloads; the live stream. */
export function mineRoutes(app: Hono<WebEnv>, options: { gateway: (req: Request) => Promise<Response> }): void {
  const guard = requireArea('mine');

  app.get('/me', guard, async (c) => {
    const page = c.get('page');
    const { t, lang } = page;
    const data = await loadMine(c.get('api')!);
    return render(
      c,
      <Layout ctx={page} title={`${t.mineTitle}: ${page.actor!.agency}`} section="mine" scripts={['/assets/live.js']}>
        <p class="lead">{t.mineLead}</p>
        <p>
          <span class="live" data-live="" data-state="off" data-on={t.liveOn} data-off={t.liveOff}>
            {t.liveOff}
          </span>{' '}
          <span id="live-note" class="muted" data-label={lang === 'ja' ? '最終更新' : 'Updated'} aria-live="polite" />
        </p>
        <div id="live-region">
          <MineFigures data={data} lang={lang} t={t} />
        </div>
      </Layout>,
    );
  });

  app.get('/me/fragment', guard, (c) => fragment(c));

  app.get('/me/tables/:file{[a-z0-9-]+\\.(csv|json)}', guard, async (c) => {
    const file = c.req.param('file');
    const tableId = file.replace(/\.(csv|json)$/, '');
    const own = await c.get('api')!.get<OwnStatistics>(`/v1/stats/own?period=FY${fiscalYearOf(new Date())}`);
    const table = own.tables.find((x) => x.id === tableId);
    if (!table) return c.notFound();
    const name = `liaison-${own.body}-${own.period}-${table.id}`;
    c.header('Cache-Control', 'no-store');
    if (file.endsWith('.json')) {
      c.header('Content-Disposition', `attachment; filename="${name}.json"`);
      return c.json({ period: own.period, body: own.body, live: true, table });
    }
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${name}.csv"`);
    return c.body(
      tableCsv(table, {
        periodJa: own.labelJa,
        periodId: own.period,
        notes: [`${own.body} の速報値（実数） / live exact figures of ${own.body}`],
      }),
    );
  });

  // The live stream: the gateway's GraphQL subscription, opened as the signed-in person and relayed
  // as it comes. The browser needs no token: its session cookie (SameSite=Strict) opens this URL.
  app.get('/me/live', guard, async (c) => {
    const upstream = await options.gateway(
      new Request('http://liaison.internal/graphql', {
        method: 'POST',
        headers: { authorization: `Bearer ${c.get('session')!.token}`, accept: 'text/event-stream', 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'subscription { liveEvents { id type referralId status } }' }),
        signal: c.req.raw.signal,
      }),
    );
    if (!upstream.ok || !upstream.headers.get('content-type')?.includes('text/event-stream') || !upstream.body) {
      await upstream.body?.cancel();
      return c.text('live events are not available', 503);
    }
    // Relayed through our own stream, opened only once the subscription has started (its first
    // bytes, a ping, have arrived): a browser that leaves at once then cancels a running
    // subscription, never one still starting.
    const reader = upstream.body.getReader();
    const first = await reader.read();
    const relay = new ReadableStream<Uint8Array>({
      start(controller) {
        if (first.done) controller.close();
        else controller.enqueue(first.value);
      },
      async pull(controller) {
        const next = await reader.read();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      cancel(reason) {
        return reader.cancel(reason).catch(() => {});
      },
    });
    return new Response(relay, {
      status: 200,
      headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' },
    });
  });
}
