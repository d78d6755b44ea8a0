"""WCAG AA text contrast computed from the colours the browser actually rendered.

axe reports text whose background it cannot determine (or a 1:1 ratio) only as "incomplete",
so white text on a white badge passed it. This check walks the rendered styles itself: for each
element with visible text of its own, the effective text colour (with opacity) over the
effective background (background colours of the element and its ancestors, alpha-composited).
A background image or gradient on the way makes the background unknown: reported separately.
"""

CONTRAST_JS = r"""
() => {
  // Any CSS colour (rgb(), color(srgb ...), oklch() ...) through a canvas pixel, as sRGB.
  const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  const parse = (c) => {
    const m = c.match(/^rgba?\(([^)]+)\)$/);
    if (m) {
      const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    }
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = c;
    ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  };
  const over = (top, bottom) => {
    const a = top[3] + bottom[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    const ch = (i) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a;
    return [ch(0), ch(1), ch(2), a];
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ratio = (a, b) => {
    const [l1, l2] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (l1 + 0.05) / (l2 + 0.05);
  };
  const hex = (c) =>
    '#' + c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
  const selector = (el) => {
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && parts.length < 4; e = e.parentElement) {
      let s = e.localName;
      if (e.id) { parts.unshift(s + '#' + e.id); break; }
      if (e.classList.length) s += '.' + [...e.classList].slice(0, 3).join('.');
      parts.unshift(s);
    }
    return parts.join(' > ');
  };
  // The background behind an element: its own and its ancestors' colours, top one last.
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.backgroundImage && s.backgroundImage !== 'none') return null;
      const c = parse(s.backgroundColor);
      if (c && c[3] > 0) {
        layers.push(c);
        if (c[3] >= 1) break;
      }
    }
    let result = [255, 255, 255, 1];  // the canvas
    for (const c of layers.reverse()) result = over(c, result);
    return result;
  };
  const opacity = (el) => {
    let o = 1;
    for (let e = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
    return o;
  };
  const visible = (el) => {
    if (!el.checkVisibility({ opacityProperty: false, visibilityProperty: true })) return false;
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return false;
    // Off-screen or clipped to a pixel: visually hidden text for screen readers.
    const s = getComputedStyle(el);
    if (s.clip === 'rect(0px, 0px, 0px, 0px)' || s.clipPath === 'inset(50%)') return false;
    return r.right > 0 && r.bottom > 0 && r.left < document.documentElement.scrollWidth;
  };
  const offenders = [];
  const unknown = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'OPTION'].includes(el.tagName)) continue;
    const text = [...el.childNodes]
      .filter((n) => n.nodeType === 3)
      .map((n) => n.textContent)
      .join('')
      .replace(/[\s\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]+/g, ' ')
      .trim();
    if (!text || !visible(el)) continue;
    const s = getComputedStyle(el);
    const bg = background(el);
    if (bg === null) {
      unknown.push({ selector: selector(el), text: text.slice(0, 60) });
      continue;
    }
    const fg = parse(s.color);
    fg[3] *= opacity(el);
    const shown = over(fg, bg);
    const size = parseFloat(s.fontSize);
    const bold = Number(s.fontWeight) >= 700;
    const large = size >= 24 || (bold && size >= 18.66);
    const needed = large ? 3.0 : 4.5;
    const r = ratio(shown, bg);
    if (r < needed - 0.005) {
      offenders.push({
        selector: selector(el), text: text.slice(0, 60), color: hex(shown),
        background: hex(bg), ratio: Math.round(r * 100) / 100, needed,
      });
    }
  }
  return { offenders, unknown };
}
"""


def contrast_problems(page):
    """Visible text below WCAG AA (4.5:1, 3:1 for large text) on the page as rendered.

    Text over a background image or gradient cannot be judged from colours and is reported too:
    the project uses none, so any such text is a finding.
    """
    result = page.evaluate(CONTRAST_JS)
    problems = [
        f"{o['selector']} “{o['text']}”: {o['color']} on {o['background']} "
        f"= {o['ratio']}:1 < {o['needed']}:1"
        for o in result["offenders"]
    ]
    problems += [f"{u['selector']} “{u['text']}”: background image" for u in result["unknown"]]
    return problems
