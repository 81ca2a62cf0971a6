'use strict';
// Verifies a C2SP tlog-proof in the browser: RFC 9162 inclusion, the log's Ed25519 note
// signature and cosignature/v1 witness cosignatures against the election's tlog-policy. The
// policy is never taken on the word of the server being checked (decision 0209): the page's
// address pins it, '#policy-sha256=<hex>' (the SHA-256 of the policy file published with the
// election) or '#policy=<the policy text, base64url>'.
const enc = new TextEncoder();
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function b64(s) { const bin = atob(s); const out = new Uint8Array(bin.length); for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i); return out; }
function concat(...parts) { let n = 0; parts.forEach(p => n += p.length); const out = new Uint8Array(n); let o = 0; parts.forEach(p => { out.set(p, o); o += p.length; }); return out; }
function equal(a, b) { if (a.length !== b.length) return false; for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false; return true; }
async function sha256(bytes) { return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)); }
const leafHash = d => sha256(concat(new Uint8Array([0]), d));
const nodeHash = (l, r) => sha256(concat(new Uint8Array([1]), l, r));

function normaliseCode(typed) {
  let s = '';
  for (const ch of typed.toUpperCase()) {
    const c = ch === 'O' ? '0' : (ch === 'I' || ch === 'L') ? '1' : ch;
    if (c === '-' || c === ' ') continue;
    if (!CROCKFORD.includes(c)) return null;
    s += c;
  }
  return s.length === 16 ? s : null;
}
function shortForm(code) {
  let bits = 0n;
  for (let i = 0; i < 10; i++) bits = (bits << 8n) | BigInt(code[i]);
  let s = '';
  for (let i = 15; i >= 0; i--) s += CROCKFORD[Number((bits >> BigInt(5 * i)) & 31n)];
  return s;
}
const grouped = s => s.match(/.{4}/g).join('-');

// RFC 9162 2.1.3.2
async function verifyInclusion(leaf, index, size, path, root) {
  if (index >= size) return false;
  let fn = BigInt(index), sn = BigInt(size) - 1n, r = leaf;
  for (const p of path) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = await nodeHash(p, r);
      if ((fn & 1n) === 0n) { while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; } }
    } else {
      r = await nodeHash(r, p);
    }
    fn >>= 1n; sn >>= 1n;
  }
  return sn === 0n && equal(r, root);
}

function parseVkey(v) {
  const a = v.indexOf('+'), b = v.indexOf('+', a + 1);
  const raw = b64(v.slice(b + 1));
  return { name: v.slice(0, a), id: v.slice(a + 1, b), type: raw[0], key: raw.slice(1) };
}
async function keyId(k) {
  const h = await sha256(concat(enc.encode(k.name + '\n'), new Uint8Array([k.type]), k.key));
  return Array.from(h.slice(0, 4)).map(x => x.toString(16).padStart(2, '0')).join('');
}
function parsePolicy(text) {
  const p = { logs: [], witnesses: {}, groups: {}, quorum: null };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const f = line.split(/[ \t]+/);
    if (f[0] === 'log') p.logs.push(parseVkey(f[1]));
    else if (f[0] === 'witness') p.witnesses[f[1]] = parseVkey(f[2]);
    else if (f[0] === 'group') {
      const members = f.slice(3);
      const k = f[2] === 'all' ? members.length : f[2] === 'any' ? 1 : parseInt(f[2], 10);
      p.groups[f[1]] = { k, members };
    } else if (f[0] === 'quorum') p.quorum = f[1];
  }
  return p;
}
function satisfied(p, name, cosigners) {
  if (name === 'none') return true;
  if (p.witnesses[name]) return cosigners.has(name);
  const g = p.groups[name];
  return g.members.filter(m => satisfied(p, m, cosigners)).length >= g.k;
}

function parseProof(text) {
  const blank = text.indexOf('\n\n');
  if (blank < 0) throw new Error('not a proof file');
  const lines = text.slice(0, blank).split('\n');
  if (lines[0] !== 'c2sp.org/tlog-proof@v1') throw new Error('not a c2sp.org/tlog-proof@v1 file');
  let i = 1, extra = null;
  if (lines[i] && lines[i].startsWith('extra ')) { extra = b64(lines[i].slice(6)); i++; }
  if (!lines[i] || !lines[i].startsWith('index ')) throw new Error('the proof has no index');
  const index = parseInt(lines[i].slice(6), 10);
  const path = lines.slice(i + 1).map(b64);
  const note = text.slice(blank + 2);
  const sep = note.lastIndexOf('\n\n');
  const body = note.slice(0, sep + 1);
  const sigs = note.slice(sep + 2).split('\n').filter(l => l).map(l => {
    const m = l.match(/^\u2014 (\S+) (\S+)$/);
    if (!m) throw new Error('malformed signature line');
    const raw = b64(m[2]);
    return { name: m[1], id: Array.from(raw.slice(0, 4)).map(x => x.toString(16).padStart(2, '0')).join(''), sig: raw.slice(4) };
  });
  const cl = body.split('\n');
  return { extra, index, path, body, sigs, origin: cl[0], size: parseInt(cl[1], 10), root: b64(cl[2]) };
}

const hex = bytes => Array.from(bytes).map(x => x.toString(16).padStart(2, '0')).join('');
function b64url(s) { return b64(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - s.length % 4) % 4)); }

// The trust policy pinned in the page's address: { policy } or { why } when there is none to trust.
async function trustPolicy() {
  const pin = new URLSearchParams(location.hash.slice(1));
  const want = (pin.get('policy-sha256') || '').toLowerCase();
  let text;
  if (pin.get('policy')) {
    try { text = new TextDecoder('utf-8', { fatal: true }).decode(b64url(pin.get('policy'))); } catch (e) { return { why: 'The trust policy in this page\'s address is not readable.' }; }
    if (want && hex(await sha256(enc.encode(text))) !== want) return { why: 'The trust policy in this page\'s address does not match its own fingerprint.' };
    return { policy: parsePolicy(text), what: 'The validators\' keys are the ones pinned in this page\'s address' };
  }
  if (!/^[0-9a-f]{64}$/.test(want)) {
    return { why: 'No trust policy is pinned in this page\'s address, and the server being checked cannot vouch for itself: open this page from the link published with the election (it ends in #policy-sha256=...).' };
  }
  try { text = await (await fetch('/policy', { cache: 'no-store' })).text(); } catch (e) { return { why: 'The validators\' trust policy could not be fetched.' }; }
  const got = hex(await sha256(enc.encode(text)));
  if (got !== want) return { why: 'The trust policy this server publishes is NOT the election\'s (fingerprint ' + got.slice(0, 16) + '…, the election\'s is ' + want.slice(0, 16) + '…): its proofs cannot be trusted.' };
  return { policy: parsePolicy(text), what: 'The validators\' keys match the election\'s trust policy (fingerprint ' + want.slice(0, 16) + '…)' };
}

async function ed25519(pub, sig, msg) {
  const key = await crypto.subtle.importKey('raw', pub, { name: 'Ed25519' }, false, ['verify']);
  return crypto.subtle.verify('Ed25519', key, sig, msg);
}

async function verify(text, typedCode) {
  const steps = [];
  const step = (ok, what) => { steps.push({ ok, what }); return ok; };
  let proof;
  try { proof = parseProof(text); } catch (e) { step(false, 'The proof file is unreadable: ' + e.message); return { ok: false, steps }; }
  const trust = await trustPolicy();
  if (!trust.policy) { step(false, trust.why); return { ok: false, steps, proof }; }
  step(true, trust.what);
  const policy = trust.policy;
  const leaf = proof.extra;
  let ok = step(leaf && leaf[0] === 1 && leaf.length > 33, 'The proof carries a ballot entry');
  if (!ok) return { ok, steps, proof };
  const code = grouped(shortForm(leaf.slice(1, 33)));
  if (typedCode) ok = step(normaliseCode(typedCode) === shortForm(leaf.slice(1, 33)), 'The entry holds tracking code ' + code) && ok;
  const included = await verifyInclusion(await leafHash(leaf), proof.index, proof.size, proof.path, proof.root);
  ok = step(included, 'Entry ' + proof.index + ' is included in the tree of ' + proof.size + ' entries (Merkle proof checked)') && ok;
  let logOk = false;
  for (const k of policy.logs) {
    if (k.name !== proof.origin || k.type !== 1 || await keyId(k) !== k.id) continue;
    for (const s of proof.sigs) {
      if (s.name === k.name && s.id === k.id && s.sig.length === 64 && await ed25519(k.key, s.sig, enc.encode(proof.body))) logOk = true;
    }
  }
  ok = step(logOk, 'The checkpoint is signed by the ledger (' + proof.origin + ')') && ok;
  const cosigners = new Set();
  for (const [name, k] of Object.entries(policy.witnesses)) {
    if (k.type !== 4 || await keyId(k) !== k.id) continue;
    for (const s of proof.sigs) {
      if (s.name !== k.name || s.id !== k.id || s.sig.length !== 72) continue;
      const ts = new DataView(s.sig.buffer, s.sig.byteOffset, 8).getBigUint64(0);
      const msg = enc.encode('cosignature/v1\ntime ' + ts.toString() + '\n' + proof.body);
      if (await ed25519(k.key, s.sig.slice(8), msg)) cosigners.add(name);
    }
  }
  ok = step(satisfied(policy, policy.quorum, cosigners), 'Cosigned by a quorum of validators: ' + ([...cosigners].sort().join(', ') || 'none')) && ok;
  return { ok, steps, proof, code };
}

function show(res, text) {
  const box = document.getElementById('result');
  box.hidden = false;
  box.className = res.ok ? 'ok' : 'fail';
  document.getElementById('verdict').textContent = res.ok ? 'Your ballot is in the ledger — verified' : 'Verification FAILED';
  const ul = document.getElementById('steps');
  ul.innerHTML = '';
  for (const s of res.steps) { const li = document.createElement('li'); li.className = s.ok ? 'pass' : 'bad'; li.textContent = s.what; ul.appendChild(li); }
  document.getElementById('where').textContent = res.proof ? 'Checkpoint: ' + res.proof.origin + ', tree size ' + res.proof.size : '';
  const a = document.getElementById('download');
  if (text) { a.href = URL.createObjectURL(new Blob([text], { type: 'text/plain' })); a.hidden = false; } else a.hidden = true;
}
function message(text, bad) {
  show({ ok: false, steps: [{ ok: !bad, what: text }] }, null);
  document.getElementById('verdict').textContent = bad ? 'Not found' : 'Please wait';
}

document.getElementById('lookup').addEventListener('submit', async ev => {
  ev.preventDefault();
  const typed = document.getElementById('code').value;
  const code = normaliseCode(typed);
  if (!code) { message('A tracking code has 16 letters and digits, like 7K3M-9QXA-2PDF-HW4R.', true); return; }
  const r = await fetch('/v1/proof/code/' + code);
  if (!r.ok) { let why = 'The ledger does not hold this code.'; try { why = (await r.json()).error; } catch (e) {} message(why, true); return; }
  const text = await r.text();
  show(await verify(text, typed), text);
});
// A receipt's QR code opens this page with ?code=<tracking code>: fill it in and check at once.
(() => {
  const given = new URLSearchParams(location.search).get('code');
  if (given && normaliseCode(given)) {
    document.getElementById('code').value = given;
    document.getElementById('lookup').requestSubmit();
  }
})();
document.getElementById('checkpaste').addEventListener('click', async () => {
  const text = document.getElementById('prooftext').value.replace(/\r\n/g, '\n');
  show(await verify(text, null), null);
});

async function refresh() {
  try {
    const st = await (await fetch('/v1/stations')).json();
    const tb = document.querySelector('#stations tbody');
    tb.innerHTML = '';
    const polls = st.polls || {};
    const ids = [...new Set([...Object.keys(st.stations), ...Object.keys(polls)])].sort();
    for (const s of ids) {
      const p = polls[s] || {};
      const tr = tb.insertRow();
      const reset = (p.events || []).filter(e => e.kind === 'station reset').pop();
      const resetWords = reset ? reset.time + ' · ' + reset.ballots + (reset.ballots === 1 ? ' ballot' : ' ballots') + ', all on the ledger · ' + reset.reason : '—';
      [s, st.stations[s] || 0, p.state || '—', p.openedAt || '—', p.closedAt || '—', resetWords].forEach(v => { tr.insertCell().textContent = v; });
    }
    const cps = (await (await fetch('/v1/checkpoints')).json()).checkpoints;
    const ol = document.getElementById('history');
    ol.innerHTML = '';
    cps.slice(-10).reverse().forEach(c => { const l = c.split('\n'); const li = document.createElement('li'); li.textContent = 'size ' + l[1] + ' · root ' + l[2].slice(0, 16) + '… · ' + (c.split('\u2014').length - 1) + ' signatures'; ol.appendChild(li); });
  } catch (e) { /* the page still works for lookups */ }
}
refresh();
setInterval(refresh, 5000);
