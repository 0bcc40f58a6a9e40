// The member page's live updates: one same-origin SSE stream (/me/live, opened with the session
// cookie; the platform relays the GraphQL liveEvents subscription as the signed-in person). On each
// event the page asks the server for its figures again (/me/fragment) and swaps them in — no
// reload, no figures computed in the browser.
(() => {
  const region = document.getElementById('live-region');
  const status = document.querySelector('[data-live]');
  const note = document.getElementById('live-note');
  if (!region || !status || !window.EventSource) return;
  const say = (state) => {
    status.dataset.state = state;
    status.textContent = state === 'on' ? status.dataset.on : status.dataset.off;
  };
  let timer = 0;
  let running = false;
  let again = false;
  const refresh = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const res = await fetch('/me/fragment', { credentials: 'same-origin', headers: { accept: 'text/html' } });
      if (res.ok && res.headers.get('content-type')?.includes('text/html')) {
        region.innerHTML = await res.text();
        region.dataset.updated = String(Date.now());
        if (note) note.textContent = `${note.dataset.label} ${new Date().toLocaleTimeString('ja-JP')}`;
      } else {
        say('off');
      }
    } catch {
      say('off');
    } finally {
      running = false;
      if (again) {
        again = false;
        refresh();
      }
    }
  };
  const source = new EventSource('/me/live');
  source.addEventListener('open', () => say('on'));
  // An event can arrive a moment before the projections it concerns (the inbox, the figures) are
  // written by their own consumers: look again shortly after.
  let followUp = 0;
  source.addEventListener('next', () => {
    clearTimeout(timer);
    clearTimeout(followUp);
    timer = setTimeout(refresh, 150);
    followUp = setTimeout(refresh, 1000);
  });
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) say('off');
  });
})();
