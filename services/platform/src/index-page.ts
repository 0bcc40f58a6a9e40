/** The small landing page: what runs where, Japanese first. */
export function indexPage(): string {
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>Liaison 違法・有害情報相談機関連絡会</title></head>
<body>
<h1>Liaison — 違法・有害情報相談機関連絡会 連携基盤 <small>(coordination platform)</small></h1>
<ul>
<li><a href="/graphql">GraphQL</a> — 照会の受信箱など (referral inbox, POST with a bearer token)</li>
<li><a href="/v1/openapi.json">REST API (OpenAPI)</a> — 照会の作成 (create referrals)</li>
<li><a href="/healthz">/healthz</a> — 稼働状況 (health)</li>
</ul>
</body></html>`;
}
