/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { ActionItemView, MeetingSummary, MeetingView } from '@liaison/secretariat';
import type { Hono } from 'hono';
import type { WebEnv } from '../context.ts';
import { requireArea } from '../guards.tsx';
import { formatTime, type Lang } from '../i18n.ts';
import { render } from '../render.ts';
import { Layout } from '../views/layout.tsx';
import { Scroll } from '../views/scroll.tsx';

// Council meetings, read from the secretariat service as the signed-in person: the service decides
// what each role gets (observers: agenda, approved minutes, report; members: also their own body's
// action items; the secretariat: everything, the draft minutes included). The pages show what comes.

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type ActionItem = ActionItemView;
type Meeting = MeetingView;

const words = {
  ja: {
    title: '連絡会',
    lead: '貴機関が招かれている連絡会の一覧です。議題、承認済みの議事録、連絡会報告を確認できます。',
    empty: 'まだ連絡会の予定はありません。',
    number: '回',
    heldOn: '開催日',
    startTime: '開始時刻（日本時間）',
    place: '会場',
    online: 'オンライン参加',
    review: '対象期間',
    minutesState: '議事録',
    approved: '承認済み',
    notApproved: '未承認',
    invitations: '出席機関',
    body: '機関',
    role: '区分',
    member: '構成員',
    observer: 'オブザーバー',
    attendance: '出欠',
    present: '出席',
    onlineAttendance: 'オンライン出席',
    absent: '欠席',
    notRecorded: '未記録',
    agenda: '議題',
    presenter: '説明機関',
    noAgenda: '議題はまだありません。',
    minutes: '議事録',
    approvedAt: '承認日時',
    minutesPending: '議事録は承認後に公開されます。',
    draft: '議事録案（未承認・事務局のみ閲覧可）',
    updatedAt: '更新日時',
    actionItems: 'この回の対応事項',
    carried: '前回までの対応事項（継続）',
    item: '対応事項',
    owner: '担当機関',
    due: '期限',
    status: '状況',
    open: '対応中',
    closed: '完了',
    raisedAt: '提起',
    closedAt: '完了した回',
    noItems: 'ありません。',
    report: '連絡会報告',
    reportVersion: '版',
    noReport: '連絡会報告はまだ承認されていません。',
    nth: (n: number) => `第${n}回`,
  },
  en: {
    title: 'Council meetings',
    lead: 'The council meetings your body is invited to: agenda, approved minutes and the meeting report.',
    empty: 'No meeting has been scheduled yet.',
    number: 'No.',
    heldOn: 'Date',
    startTime: 'Starts (Japan time)',
    place: 'Place',
    online: 'Join online',
    review: 'Period reviewed',
    minutesState: 'Minutes',
    approved: 'approved',
    notApproved: 'not approved',
    invitations: 'Invited bodies',
    body: 'Body',
    role: 'Role',
    member: 'member',
    observer: 'observer',
    attendance: 'Attendance',
    present: 'present',
    onlineAttendance: 'online',
    absent: 'absent',
    notRecorded: 'not recorded',
    agenda: 'Agenda',
    presenter: 'Presented by',
    noAgenda: 'No agenda items yet.',
    minutes: 'Minutes',
    approvedAt: 'Approved',
    minutesPending: 'The minutes are shown once approved.',
    draft: 'Draft minutes (not approved; the secretariat only)',
    updatedAt: 'Updated',
    actionItems: 'Action items raised at this meeting',
    carried: 'Action items carried from earlier meetings',
    item: 'Action item',
    owner: 'Owner',
    due: 'Due',
    status: 'Status',
    open: 'open',
    closed: 'closed',
    raisedAt: 'Raised',
    closedAt: 'Closed at',
    noItems: 'None.',
    report: 'Meeting report',
    reportVersion: 'version',
    noReport: 'No meeting report has been approved yet.',
    nth: (n: number) => `No. ${n}`,
  },
} as const;

const titleOf = (m: MeetingSummary, lang: Lang) => (lang === 'ja' ? m.titleJa : m.titleEn);

function ActionItems(props: { lang: Lang; id: string; caption: string; items: ActionItem[] }) {
  const w = words[props.lang];
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.caption}</h2>
      {props.items.length === 0 ? (
        <p>{w.noItems}</p>
      ) : (
        <Scroll labelledBy={props.id}>
          <table data-action-items={props.id}>
            <thead>
              <tr>
                <th scope="col">{w.item}</th>
                <th scope="col">{w.owner}</th>
                <th scope="col">{w.due}</th>
                <th scope="col">{w.raisedAt}</th>
                <th scope="col">{w.status}</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((a) => (
                <tr data-action-item={a.id} data-status={a.status}>
                  <th scope="row">{a.title}</th>
                  <td class="code">{a.owner}</td>
                  <td>{a.dueOn}</td>
                  <td>
                    <a href={`/meetings/${a.raisedAt.meetingId}`}>{w.nth(a.raisedAt.number)}</a>
                  </td>
                  <td>
                    {a.status === 'open' ? w.open : w.closed}
                    {a.closedAt ? (
                      <>
                        {' '}
                        （{w.closedAt}: <a href={`/meetings/${a.closedAt.meetingId}`}>{w.nth(a.closedAt.number)}</a>）
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
    </section>
  );
}

/** The meetings pages: the list of meetings a body is invited to, and one meeting as the person's role may see it. */
export function meetingRoutes(app: Hono<WebEnv>): void {
  const guard = requireArea('meetings');

  app.get('/meetings', guard, async (c) => {
    const page = c.get('page');
    const w = words[page.lang];
    const { items } = await c.get('api')!.get<{ items: MeetingSummary[] }>('/v1/meetings');
    return render(
      c,
      <Layout ctx={page} title={w.title} section="meetings">
        <p class="lead">{w.lead}</p>
        {items.length === 0 ? (
          <p>{w.empty}</p>
        ) : (
          <Scroll label={w.title}>
            <table data-meetings="">
              <thead>
                <tr>
                  <th scope="col">{w.title}</th>
                  <th scope="col">{w.heldOn}</th>
                  <th scope="col">{w.review}</th>
                  <th scope="col">{w.minutesState}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((m) => (
                  <tr data-meeting={m.id}>
                    <th scope="row">
                      <a href={`/meetings/${m.id}`}>{titleOf(m, page.lang)}</a>
                    </th>
                    <td>{m.heldOn}</td>
                    <td>
                      {m.reviewFrom} – {m.reviewTo}
                    </td>
                    <td>{m.minutesApproved ? w.approved : w.notApproved}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
        )}
      </Layout>,
    );
  });

  app.get('/meetings/:id', guard, async (c) => {
    const page = c.get('page');
    const { lang } = page;
    const w = words[lang];
    const id = c.req.param('id');
    if (!ID.test(id)) return c.notFound();
    const m = await c.get('api')!.get<Meeting>(`/v1/meetings/${id}`);
    const attendance = (a: Meeting['invitations'][number]['attendance']) =>
      a === 'present' ? w.present : a === 'online' ? w.onlineAttendance : a === 'absent' ? w.absent : w.notRecorded;
    return render(
      c,
      <Layout ctx={page} title={titleOf(m, lang)} section="meetings">
        <dl class="facts" data-meeting={m.id}>
          <dt>{w.heldOn}</dt>
          <dd>{m.heldOn}</dd>
          {m.startTime ? (
            <>
              <dt>{w.startTime}</dt>
              <dd>{m.startTime}</dd>
            </>
          ) : null}
          {m.place ? (
            <>
              <dt>{w.place}</dt>
              <dd>{m.place}</dd>
            </>
          ) : null}
          {m.onlineLink ? (
            <>
              <dt>{w.online}</dt>
              <dd>
                <a href={m.onlineLink} rel="noopener noreferrer">
                  {m.onlineLink}
                </a>
              </dd>
            </>
          ) : null}
          <dt>{w.review}</dt>
          <dd>
            {m.reviewFrom} – {m.reviewTo}
          </dd>
        </dl>

        <section aria-labelledby="agenda">
          <h2 id="agenda">{w.agenda}</h2>
          {m.agenda.length === 0 ? (
            <p>{w.noAgenda}</p>
          ) : (
            <ol data-agenda="">
              {m.agenda.map((a) => (
                <li data-agenda-item={a.id}>
                  {a.title}{' '}
                  <span class="muted">
                    （{w.presenter}: <span class="code">{a.presenter}</span>）
                  </span>
                </li>
              ))}
            </ol>
          )}
        </section>

        <section aria-labelledby="minutes">
          <h2 id="minutes">{w.minutes}</h2>
          {m.minutes ? (
            <>
              <p class="muted">
                {w.approvedAt}: {formatTime(m.minutes.approvedAt)}
              </p>
              <div class="minutes" data-minutes="approved">
                {m.minutes.text}
              </div>
            </>
          ) : (
            <p data-minutes="pending">{w.minutesPending}</p>
          )}
          {m.draftMinutes ? (
            <section aria-labelledby="draft-minutes">
              <h3 id="draft-minutes">{w.draft}</h3>
              <p class="muted">
                {w.updatedAt}: {formatTime(m.draftMinutes.updatedAt)}
              </p>
              <div class="minutes" data-minutes="draft">
                {m.draftMinutes.text}
              </div>
            </section>
          ) : null}
        </section>

        {m.actionItems ? <ActionItems lang={lang} id="action-items" caption={w.actionItems} items={m.actionItems} /> : null}
        {m.carriedActionItems ? (
          <ActionItems lang={lang} id="carried-action-items" caption={w.carried} items={m.carriedActionItems} />
        ) : null}

        <section aria-labelledby="report">
          <h2 id="report">{w.report}</h2>
          {m.report ? (
            <p data-report={m.report.reportId}>
              {w.reportVersion} {m.report.version} — {w.approvedAt}: {formatTime(m.report.approvedAt)}
            </p>
          ) : (
            <p>{w.noReport}</p>
          )}
        </section>

        <section aria-labelledby="invitations">
          <h2 id="invitations">{w.invitations}</h2>
          <Scroll labelledBy="invitations">
            <table data-invitations="">
              <thead>
                <tr>
                  <th scope="col">{w.body}</th>
                  <th scope="col">{w.role}</th>
                  <th scope="col">{w.attendance}</th>
                </tr>
              </thead>
              <tbody>
                {m.invitations.map((i) => (
                  <tr>
                    <th scope="row" class="code">
                      {i.body}
                    </th>
                    <td>{i.role === 'member' ? w.member : w.observer}</td>
                    <td>{attendance(i.attendance)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
        </section>
      </Layout>,
    );
  });
}
