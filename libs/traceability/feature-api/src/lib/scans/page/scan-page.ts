import type { TraceRecord } from '@nss/contracts';
import { formatVnDateTime } from '@nss/util-vn';
import { html, SafeHtml } from './html';
import { DIARY_TYPE_NAMES, TEXTS, type Lang } from './texts';

/** Where the consent button's script is served (same origin as the page, allowed by the CSP's `script-src 'self'`). */
export const SCAN_SCRIPT_PATH = '/t/scan.js';

interface Rules {
  maxScans: number;
  maxKm: number;
  windowHours: number;
}

// Small on purpose: the whole page with its thumbnail stays far below 60 KB on a slow connection.
const CSS = `*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2a1f;background:#f4f7f2}
header,main,footer{max-width:40rem;margin:0 auto;padding:.75rem 1rem}header{display:flex;justify-content:space-between;gap:1rem;font-size:.9rem;color:#3f5a44}
a{color:#1f6b35}.v{border-radius:.5rem;padding:.9rem 1rem;margin:.5rem 0 1rem;border:2px solid}.v h1{font-size:1.25rem;margin:0 0 .25rem}.v p{margin:.25rem 0}
.ok{background:#e6f4e8;border-color:#2e8540}.warn{background:#fff4e0;border-color:#c77700}.bad{background:#fde8e8;border-color:#b42318}
.p{display:flex;gap:1rem;align-items:flex-start}.p img{width:8rem;height:auto;border-radius:.4rem;flex:none}.p h2{margin:0;font-size:1.2rem}
dl{display:grid;grid-template-columns:minmax(8rem,auto) 1fr;gap:.3rem .8rem;margin:1rem 0}dt{color:#53665a}dd{margin:0;overflow-wrap:anywhere}
ol{list-style:none;padding:0;margin:0;border-left:3px solid #9cc5a5}li{margin:0 0 .8rem .8rem}time{display:block;font-size:.85rem;color:#53665a}
.sold{font-weight:600}button{font:inherit;padding:.6rem .9rem;border-radius:.4rem;border:1px solid #1f6b35;background:#fff;color:#1f6b35}small{color:#53665a}
footer{font-size:.8rem;color:#53665a}`;

/** Our own CSS, not user data: inserted as is. */
const STYLE = new SafeHtml(CSS);

const vnDate = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

function layout(lang: Lang, title: string, body: SafeHtml, script = false): string {
  const t = TEXTS[lang];
  const page = html`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex,nofollow">
<title>${title} · ${t.site}</title><style>${STYLE}</style></head>
<body><header><span>${t.site}</span><a href="${lang === 'en' ? '?lang=vi' : '?lang=en'}" hreflang="${lang === 'en' ? 'vi' : 'en'}">${t.switchTo}</a></header>
<main>${body}</main><footer>${t.footer}</footer>${script ? html`<script src="${SCAN_SCRIPT_PATH}" defer></script>` : ''}</body></html>`;
  return page.text;
}

function verdictBlock(record: TraceRecord, lang: Lang, rules: Rules): SafeHtml {
  const t = TEXTS[lang];
  const v = record.verdict;
  const genuine = v.kind === 'genuine_first' || v.kind === 'genuine_seen';
  const tone = genuine ? 'ok' : v.kind === 'suspicious' ? 'warn' : 'bad';
  // A partial history (Redis away): a lower bound of the count, no first-scan date, and no "first scan" / "seen before".
  const partial = v.partial === true;
  const first = v.firstScanAt && !partial ? formatVnDateTime(new Date(v.firstScanAt)) : null;
  const lines: Array<SafeHtml | string> = [];
  if (genuine && partial) lines.push(t.atLeast(v.scanCount));
  if (v.kind === 'genuine_seen' && first) lines.push(t.seen(first, v.scanCount));
  if (v.kind === 'suspicious') {
    for (const reason of v.reasons) lines.push(t.reason(reason, v.scanCount, rules, partial));
    if (first) lines.push(t.seen(first, v.scanCount));
    lines.push(t.suspiciousAdvice);
  }
  if (v.kind === 'inactive') lines.push(t.inactiveAdvice);
  if (v.kind === 'void') lines.push(t.voidAdvice);
  if (record.soldOn) lines.push(html`<span class="sold">${t.soldOn(vnDate(record.soldOn))}</span>`);
  return html`<section class="v ${tone}" id="verdict" data-verdict="${v.kind}"><h1>${genuine && partial ? t.genuine : t.verdict[v.kind]}</h1>${lines.map((l) => html`<p>${l}</p>`)}</section>`;
}

function detail(label: string, value: string | SafeHtml | null | undefined): SafeHtml {
  return value === null || value === undefined || value === '' ? html`` : html`<dt>${label}</dt><dd>${value}</dd>`;
}

function diaryBlock(record: TraceRecord, lang: Lang): SafeHtml {
  const t = TEXTS[lang];
  if (record.diary.length === 0) return html`<h2>${t.diary}</h2><p>${t.noDiary}</p>`;
  const items = record.diary.map((e) => {
    const place = [e.place, e.communeName].filter(Boolean).join(', ');
    return html`<li><time datetime="${e.at}">${formatVnDateTime(new Date(e.at))}</time><b>${DIARY_TYPE_NAMES[lang][e.type]}</b>${place ? html` — ${place}` : ''}${
      e.note ? html`<br>${e.note}` : ''
    }${e.inputLotCodes.length ? html`<br><small>${t.inputs}: ${e.inputLotCodes.join(', ')}</small>` : ''}</li>`;
  });
  return html`<h2>${t.diary}</h2><ol>${items}</ol>`;
}

/** The scan page of a found stamp: verdict, Circular 02 record, diary timeline, the optional consent button. */
export function renderScanPage(record: TraceRecord, lang: Lang, rules: Rules): string {
  const t = TEXTS[lang];
  const p = record.product;
  const lot = record.lot;
  const body = html`${verdictBlock(record, lang, rules)}
<section class="p">${p.photoUrl ? html`<img src="${p.photoUrl}" alt="${p.name}" width="128">` : ''}<div><h2>${p.name}</h2>${
    p.ocopStars ? html`<p aria-label="${t.ocop(p.ocopStars)}">${'★'.repeat(p.ocopStars)} ${t.ocop(p.ocopStars)}</p>` : ''
  }</div></section>
<dl>${detail(t.producer, record.producer.name)}${detail(t.address, `${record.producer.communeName}, ${record.producer.provinceName}`)}${detail(
    t.placeOfProduction,
    `${lot.communeName}, ${lot.provinceName}`,
  )}${detail(t.lotCode, lot.code)}${detail(t.producedOn, vnDate(lot.producedOn))}${detail(t.expiresOn, lot.expiresOn ? vnDate(lot.expiresOn) : null)}${detail(
    t.shelfLife,
    lot.shelfLifeDays ? t.days(lot.shelfLifeDays) : null,
  )}${detail(t.standards, lot.standards.join(', '))}${detail(t.certifications, p.certifications.join(', '))}${detail(t.gtin, p.gtin)}${detail(
    t.traceCode,
    record.traceCode,
  )}${detail(t.serial, record.serial)}</dl>
${diaryBlock(record, lang)}
<p><button type="button" id="share-position" hidden data-serial="${record.serial}" data-scan="${record.scanId}">${t.shareButton}</button><br><small id="share-note" hidden>${t.shareNote}</small></p>`;
  return layout(lang, p.name, body, record.verdict.kind !== 'void' && record.verdict.kind !== 'inactive');
}

/** Not found (unknown serial, wrong check character, GTIN or lot that does not match). */
export function renderNotFoundPage(lang: Lang): string {
  const t = TEXTS[lang];
  return layout(lang, t.verdict.not_found, html`<section class="v bad" id="verdict" data-verdict="not_found"><h1>${t.verdict.not_found}</h1><p>${t.notFoundAdvice}</p></section>`);
}

/** 429 (the per-client limit) and 503 (Redis cannot count), as pages. */
export function renderRefusalPage(lang: Lang, status: 429 | 503, retryAfter: number): string {
  const t = TEXTS[lang];
  const [title, advice] = status === 429 ? [t.tooMany, t.tooManyAdvice(retryAfter)] : [t.unavailable, t.unavailableAdvice];
  return layout(lang, title, html`<section class="v warn" id="verdict" data-status="${status}"><h1>${title}</h1><p>${advice}</p></section>`);
}

/** The consent button's script: shows the button (hidden without JavaScript), asks for the position once clicked. */
export const SCAN_SCRIPT = `(function(){var b=document.getElementById('share-position'),n=document.getElementById('share-note');
if(!b||!navigator.geolocation||!window.fetch)return;var en=document.documentElement.lang==='en';b.hidden=false;if(n)n.hidden=false;
function say(vi,e){b.textContent=en?e:vi;b.disabled=true;}
b.addEventListener('click',function(){b.disabled=true;navigator.geolocation.getCurrentPosition(function(p){
fetch('/api/trace/'+encodeURIComponent(b.getAttribute('data-serial'))+'/position',{method:'POST',headers:{'content-type':'application/json'},
body:JSON.stringify({scanId:b.getAttribute('data-scan'),lat:p.coords.latitude,lng:p.coords.longitude})}).then(function(r){
r.ok?say('Cảm ơn bạn: đã gửi vị trí gần đúng.','Thank you: approximate position sent.'):say('Không gửi được vị trí.','The position could not be sent.');},
function(){say('Không gửi được vị trí.','The position could not be sent.');});},function(){say('Bạn chưa chia sẻ vị trí.','Position not shared.');},
{enableHighAccuracy:false,maximumAge:600000,timeout:15000});});})();
`;
