/*
 * Studio web chat. One tag adds a chat launcher to any page, with no framework on the host page:
 *
 *   <script src="https://studio.example.com/widget.js" data-bot="banking" data-alias="production" data-key="stu_pk_…" async></script>
 *
 * Optional: data-title (the header), data-open="true" (start open), data-container="#id" (sit inside that element
 * instead of floating). Theme it from the page with CSS variables on the studio-chat element, for example
 * studio-chat { --studio-chat-accent: #0b7285; --studio-chat-font: Georgia, serif; }.
 *
 * Everything lives in a shadow root, so the page's styles do not reach in and the chat's do not leak out. Replies are
 * built as DOM text (a small Markdown subset: paragraphs, lists, bold, italics, code, http(s) links), never as HTML.
 * The conversation id and what was said are kept in localStorage, so the chat continues across page loads.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  // A secret key in a page would be anyone's to copy: the chat takes publishable keys only.
  var PUBLISHABLE = /^stu_pk_/;
  if (!script || window.StudioChat && window.StudioChat.loaded) {
    return;
  }

  var data = script.dataset;
  var base = new URL(script.src, location.href).origin;
  var bot = data.bot || "";
  var alias = data.alias || "production";
  var key = data.key || "";
  var store = "studio-chat:" + base + ":" + bot + ":" + alias + ":" + key.slice(-8);
  var MAX_KEPT = 100;

  var api = window.StudioChat = { loaded: true, timings: [] };

  var css = [
    ":host{all:initial;--a:var(--studio-chat-accent,#3b5bdb);--bg:var(--studio-chat-background,#fff);--fg:var(--studio-chat-text,#1f2328);",
    "--bb:var(--studio-chat-bot-bubble,#f1f3f5);--ut:var(--studio-chat-user-text,#fff);--r:var(--studio-chat-radius,12px);",
    "font:14px/1.45 var(--studio-chat-font,system-ui,-apple-system,'Segoe UI',sans-serif);color:var(--fg)}",
    ".float{position:fixed;right:20px;bottom:20px;z-index:2147483000}",
    ".launcher{width:56px;height:56px;border-radius:50%;border:0;background:var(--a);color:var(--ut);cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);font-size:24px}",
    ".launcher:focus-visible,button:focus-visible,textarea:focus-visible,a:focus-visible{outline:3px solid var(--a);outline-offset:2px}",
    ".panel{display:flex;flex-direction:column;width:var(--studio-chat-width,360px);max-width:calc(100vw - 40px);height:var(--studio-chat-height,520px);",
    "max-height:calc(100vh - 110px);background:var(--bg);border-radius:var(--r);box-shadow:0 8px 30px rgba(0,0,0,.25);overflow:hidden}",
    ".float .panel{position:absolute;right:0;bottom:70px}",
    ".inline .panel{width:100%;height:100%;max-height:none;box-shadow:none;border:1px solid #dee2e6}",
    "[hidden]{display:none!important}",
    "header{display:flex;align-items:center;gap:8px;padding:10px 12px;background:var(--a);color:var(--ut)}",
    "header h2{font-size:15px;margin:0;flex:1;font-weight:600}",
    "header button{background:none;border:0;color:inherit;font-size:20px;cursor:pointer;line-height:1}",
    ".log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px}",
    ".msg{max-width:85%;padding:8px 11px;border-radius:var(--r);word-wrap:break-word;white-space:normal}",
    ".msg p{margin:0 0 6px}.msg p:last-child{margin:0}.msg ul{margin:0;padding-left:18px}",
    ".msg code{font-family:ui-monospace,monospace;background:rgba(0,0,0,.06);padding:0 3px;border-radius:3px}",
    ".user{align-self:flex-end;background:var(--a);color:var(--ut)}.user a{color:inherit}",
    ".bot{align-self:flex-start;background:var(--bb)}",
    ".bot img{max-width:100%;border-radius:8px;display:block;margin-top:4px}",
    ".links{display:flex;flex-direction:column;gap:2px;margin-top:6px}.links a,.bot a{color:var(--a)}",
    ".card{border:1px solid #dee2e6;background:var(--bg);border-radius:var(--r);padding:8px;max-width:85%}",
    ".card h3{font-size:14px;margin:0 0 4px}",
    ".choices{display:flex;flex-wrap:wrap;gap:6px}",
    ".choices button{border:1px solid var(--a);background:var(--bg);color:var(--a);border-radius:16px;padding:5px 12px;cursor:pointer;font:inherit}",
    ".choices button:hover{background:var(--a);color:var(--ut)}",
    ".typing{align-self:flex-start;background:var(--bb);border-radius:var(--r);padding:8px 12px;letter-spacing:2px}",
    ".typing span{animation:blink 1.2s infinite both}.typing span:nth-child(2){animation-delay:.2s}.typing span:nth-child(3){animation-delay:.4s}",
    "@keyframes blink{0%,80%,100%{opacity:.2}40%{opacity:1}}",
    ".notice{margin:0 12px 8px;padding:6px 10px;border-radius:8px;background:#fff3bf;color:#5c3c00;font-size:13px}",
    "form{display:flex;gap:8px;padding:10px 12px;border-top:1px solid #e9ecef;align-items:flex-end}",
    "textarea{flex:1;resize:none;border:1px solid #ced4da;border-radius:8px;padding:7px 9px;font:inherit;color:var(--fg);background:var(--bg);max-height:96px}",
    ".send{border:0;background:var(--a);color:var(--ut);border-radius:8px;padding:8px 12px;cursor:pointer;font:inherit}",
    ".send:disabled{opacity:.5;cursor:default}",
    ".count{font-size:11px;color:#868e96;padding:0 12px 6px;text-align:right}.count.over{color:#c92a2a}"
  ].join("");

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    for (var name in attrs || {}) {
      if (name === "text") {
        node.textContent = attrs[name];
      } else if (name === "class") {
        node.className = attrs[name];
      } else if (attrs[name] !== undefined && attrs[name] !== null) {
        node.setAttribute(name, attrs[name]);
      }
    }
    (children || []).forEach(function (c) { node.appendChild(c); });
    return node;
  }

  // Only web and mail links are followed; anything else (javascript:, data:) stays as its words.
  function safeUrl(url) {
    try {
      var parsed = new URL(url, base);
      return /^(https?|mailto):$/.test(parsed.protocol) ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  function link(text, url) {
    var href = safeUrl(url);
    return href ? el("a", { href: href, target: "_blank", rel: "noopener noreferrer", text: text }) : document.createTextNode(text);
  }

  var INLINE = /(`[^`]+`)|(\*\*[^*]+\*\*|__[^_]+__)|(\*[^*\s][^*]*\*|_[^_\s][^_]*_)|\[([^\]]+)\]\(([^)\s]+)\)/g;

  function inline(text, into) {
    var at = 0;
    var m;
    var pattern = new RegExp(INLINE.source, "g"); // its own position: bold and italics read their inside with another
    while ((m = pattern.exec(text))) {
      if (m.index > at) {
        into.appendChild(document.createTextNode(text.slice(at, m.index)));
      }
      if (m[1]) {
        into.appendChild(el("code", { text: m[1].slice(1, -1) }));
      } else if (m[2]) {
        into.appendChild(inline(m[2].slice(2, -2), el("strong")));
      } else if (m[3]) {
        into.appendChild(inline(m[3].slice(1, -1), el("em")));
      } else {
        into.appendChild(link(m[4], m[5]));
      }
      at = m.index + m[0].length;
    }
    if (at < text.length) {
      into.appendChild(document.createTextNode(text.slice(at)));
    }
    return into;
  }

  function markdown(text) {
    var out = document.createDocumentFragment();
    String(text).replace(/\r/g, "").split(/\n{2,}/).forEach(function (block) {
      var lines = block.split("\n");
      if (lines.every(function (l) { return /^\s*[-*]\s+/.test(l); })) {
        out.appendChild(el("ul", {}, lines.map(function (l) { return inline(l.replace(/^\s*[-*]\s+/, ""), el("li")); })));
        return;
      }
      var p = el("p");
      lines.forEach(function (l, i) {
        if (i > 0) {
          p.appendChild(el("br"));
        }
        inline(l.replace(/^#+\s+/, ""), p);
      });
      out.appendChild(p);
    });
    return out;
  }

  function load() {
    try {
      var kept = JSON.parse(localStorage.getItem(store) || "null");
      if (kept && typeof kept.id === "string" && Array.isArray(kept.log)) {
        return kept;
      }
    } catch (e) { /* private mode or a corrupt entry: start afresh */ }
    return { id: newId(), log: [], open: false };
  }

  function save() {
    state.log = state.log.slice(-MAX_KEPT);
    try {
      localStorage.setItem(store, JSON.stringify(state));
    } catch (e) { /* storage full or refused: the chat still works for this page */ }
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) {
      return crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return "w-" + Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }

  var state = load();
  var settings = null;
  var limit = 0;
  var busy = false;
  var focusWhenReady = false;

  var host = el("studio-chat");
  var container = data.container ? document.querySelector(data.container) : null;
  var root = host.attachShadow({ mode: "open" });
  if ("adoptedStyleSheets" in root && window.CSSStyleSheet && CSSStyleSheet.prototype.replaceSync) {
    // Constructed sheets are not inline styles, so a host page's strict Content-Security-Policy does not block them.
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else {
    root.appendChild(el("style", { text: css }));
  }

  var title = el("h2", { id: "studio-chat-title", text: data.title || "Chat" });
  var close = el("button", { type: "button", "aria-label": "Close chat", text: "\u00d7" });
  var log = el("div", { class: "log", role: "log", "aria-live": "polite", "aria-relevant": "additions", "aria-label": "Conversation" });
  var notice = el("div", { class: "notice", role: "alert", hidden: "" });
  var input = el("textarea", { rows: "1", "aria-label": "Message", placeholder: "Type a message" });
  var send = el("button", { type: "submit", class: "send", text: "Send" });
  var count = el("div", { class: "count", "aria-live": "polite", hidden: "" });
  var form = el("form", { "aria-label": "Send a message" }, [input, send]);
  var panel = el("div", { class: "panel", role: "dialog", "aria-labelledby": "studio-chat-title", id: "studio-chat-panel" },
    [el("header", {}, [title, close]), log, notice, count, form]);
  var launcher = el("button", { type: "button", class: "launcher", "aria-label": "Open chat", "aria-expanded": "false", "aria-controls": "studio-chat-panel", text: "\ud83d\udcac" });
  var frame = el("div", { class: container ? "inline" : "float" }, container ? [panel] : [panel, launcher]);
  root.appendChild(frame);
  (container || document.body).appendChild(host);

  function say(line) {
    notice.textContent = line;
    notice.hidden = !line;
  }

  function setOpen(open, focus) {
    if (container) {
      open = true;
    }
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    launcher.setAttribute("aria-label", open ? "Close chat" : "Open chat");
    state.open = open;
    save();
    if (focus) {
      // Until the chat's settings arrive the message box is disabled and cannot take focus: it takes it when they do.
      focusWhenReady = open && input.disabled;
      (open ? (input.disabled ? close : input) : launcher).focus();
    }
    if (open) {
      log.scrollTop = log.scrollHeight;
    }
  }

  function scroll() {
    log.scrollTop = log.scrollHeight;
  }

  function clearChoices() {
    Array.prototype.slice.call(log.querySelectorAll(".choices")).forEach(function (c) { c.remove(); });
  }

  function choices(buttons) {
    if (!buttons || !buttons.length) {
      return;
    }
    log.appendChild(el("div", { class: "choices", role: "group", "aria-label": "Choices" }, buttons.map(function (b) {
      var button = el("button", { type: "button", text: b.title });
      button.addEventListener("click", function () { submit(b.payload, b.title); });
      return button;
    })));
  }

  function card(c) {
    var body = el("div", { class: "card" }, [el("h3", { text: c.title })]);
    if (c.imageUrl && safeUrl(c.imageUrl)) {
      body.appendChild(el("img", { src: safeUrl(c.imageUrl), alt: c.title, loading: "lazy", referrerpolicy: "no-referrer" }));
    }
    if (c.text) {
      body.appendChild(markdown(c.text));
    }
    if (c.url) {
      body.appendChild(el("div", { class: "links" }, [link("Open", c.url)]));
    }
    return body;
  }

  // One entry of the log, as kept: who said it, and for the bot its Markdown, links, images and cards.
  function show(entry) {
    if (entry.who === "user") {
      log.appendChild(el("div", { class: "msg user", text: entry.text }));
      return;
    }
    var bubble = el("div", { class: "msg bot" }, [markdown(entry.text || "")]);
    (entry.images || []).forEach(function (i) {
      if (safeUrl(i.url)) {
        bubble.appendChild(el("img", { src: safeUrl(i.url), alt: i.alt || "", loading: "lazy", referrerpolicy: "no-referrer" }));
      }
    });
    if (entry.links && entry.links.length) {
      bubble.appendChild(el("div", { class: "links" }, entry.links.map(function (l) { return link(l.title, l.url); })));
    }
    log.appendChild(bubble);
    (entry.cards || []).forEach(function (c) { log.appendChild(card(c)); });
  }

  // The message filled a sensitive slot (a card number, a password): neither kept on this device nor left on screen.
  function hideLastMessage() {
    for (var i = state.log.length - 1; i >= 0; i--) {
      if (state.log[i].who === "user") {
        state.log[i].text = "\u2022\u2022\u2022\u2022";
        break;
      }
    }
    save();
    var shown = log.querySelectorAll(".user");
    if (shown.length) {
      shown[shown.length - 1].textContent = "\u2022\u2022\u2022\u2022";
    }
  }

  function remember(entry) {
    state.log.push(entry);
    save();
    show(entry);
  }

  function typing(on) {
    var dots = log.querySelector(".typing");
    if (on && !dots) {
      log.appendChild(el("div", { class: "typing", role: "status", "aria-label": (settings ? settings.name : "The bot") + " is typing" },
        [el("span", { text: "\u2022" }), el("span", { text: "\u2022" }), el("span", { text: "\u2022" })]));
    } else if (!on && dots) {
      dots.remove();
    }
    scroll();
  }

  // What a refusal means to the person at the page, in one line.
  function explain(status, problem) {
    var detail = problem && (problem.detail || problem.title);
    if (status === 0) {
      return "The chat service cannot be reached right now; check the connection and try again.";
    }
    if (status === 401) {
      return "This chat is not set up correctly: its key is missing, unknown or revoked.";
    }
    if (status === 404 || status === 410) {
      return "This chat is not available: " + (detail || "the bot or alias was not found.");
    }
    var line = [problem && problem.title, detail !== (problem && problem.title) ? detail : null].filter(Boolean).join(": ");
    return line ? line.slice(0, 300) : "The message could not be answered (error " + status + ").";
  }

  function request(path, options) {
    options.headers = Object.assign({ "X-Api-Key": key }, options.headers || {});
    options.credentials = "omit";
    options.mode = "cors";
    return fetch(base + "/api/bots/" + encodeURIComponent(bot) + "/" + encodeURIComponent(alias) + path, options);
  }

  function problemOf(response) {
    return response.json().then(function (p) { return p; }, function () { return null; });
  }

  function checkLength() {
    var n = input.value.trim().length;
    var over = limit > 0 && n > limit;
    count.hidden = !(limit > 0 && n > limit * 0.8);
    count.textContent = n + " / " + limit;
    count.className = over ? "count over" : "count";
    send.disabled = busy || !settings || n === 0 || over;
    if (over) {
      say("Messages are at most " + limit + " characters; this one has " + n + ".");
    } else if (notice.dataset.kind === "length") {
      say("");
    }
    notice.dataset.kind = over ? "length" : "";
    return !over;
  }

  // Server-sent events: "text" pieces of a generated reply as they come, then the "reply" itself.
  function readEvents(response, onEvent) {
    var reader = response.body.getReader();
    var decoder = new TextDecoder();
    var buffer = "";
    function pump() {
      return reader.read().then(function (chunk) {
        if (chunk.done) {
          return;
        }
        buffer += decoder.decode(chunk.value, { stream: true });
        var end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          var raw = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          var name = "message";
          var payload = "";
          raw.split("\n").forEach(function (line) {
            if (line.indexOf("event:") === 0) {
              name = line.slice(6).trim();
            } else if (line.indexOf("data:") === 0) {
              payload += line.slice(5).trim();
            }
          });
          onEvent(name, payload ? JSON.parse(payload) : null);
        }
        return pump();
      });
    }
    return pump();
  }

  function submit(text, shown) {
    text = String(text || "").trim();
    if (busy || !text || !settings) {
      return;
    }
    if (limit > 0 && text.length > limit) {
      checkLength();
      return;
    }
    busy = true;
    say("");
    clearChoices();
    remember({ who: "user", text: shown || text });
    input.value = "";
    checkLength();
    typing(true);
    var sentAt = performance.now();
    var live = null;
    var pieces = 0;
    var finished = false;
    // Events only when the bot writes its replies with a model, so they show as they are written; otherwise one JSON answer.
    var streams = settings.streams;
    return request("/conversations/" + encodeURIComponent(state.id) + "/messages", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: streams ? "text/event-stream" : "application/json" },
      body: JSON.stringify({ text: text })
    }).then(function (response) {
      if (!response.ok) {
        return problemOf(response).then(function (p) { say(explain(response.status, p)); });
      }
      if (!streams) {
        return response.json().then(function (reply) { onEvent("reply", reply); });
      }
      return readEvents(response, onEvent);
    }, function () {
      say(explain(0));
    }).then(function () {
      if (!finished && notice.hidden) {
        say("The reply was cut off; please send your message again.");
      }
    }).catch(function () {
      say("The reply could not be shown; please send your message again.");
    }).then(function () {
      busy = false;
      typing(false);
      checkLength();
    });

    function onEvent(name, payload) {
      if (name === "text" && payload) {
        if (!live) {
          typing(false);
          live = el("div", { class: "msg bot" });
          log.appendChild(live);
        }
        live.textContent += payload.text;
        pieces++;
        scroll();
      } else if (name === "reply" && payload) {
        var answeredMs = performance.now() - sentAt;
        finished = true;
        if (payload.sensitive) {
          hideLastMessage();
        }
        if (live) {
          live.remove();
        }
        typing(false);
        payload.markdown.forEach(function (md, i) {
          var last = i === payload.markdown.length - 1;
          remember({ who: "bot", text: md, links: last ? payload.links : [], images: last ? payload.images : [], cards: last ? payload.cards : [] });
        });
        if (!payload.markdown.length && (payload.images.length || payload.cards.length)) {
          remember({ who: "bot", text: "", links: payload.links, images: payload.images, cards: payload.cards });
        }
        var buttons = payload.buttons.slice();
        payload.cards.forEach(function (c) { buttons = buttons.concat(c.buttons || []); });
        state.buttons = buttons;
        save();
        choices(buttons);
        api.timings.push({ shownMs: performance.now() - sentAt, answeredMs: answeredMs, serverMs: payload.totalMs, pieces: pieces });
        scroll();
      } else if (name === "error") {
        say(explain(500, payload));
      }
    }
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    submit(input.value);
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      submit(input.value);
    }
  });
  input.addEventListener("input", checkLength);
  launcher.addEventListener("click", function () { setOpen(panel.hidden, true); });
  close.addEventListener("click", function () { setOpen(false, true); });
  panel.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !container) {
      setOpen(false, true);
    }
  });
  if (container) {
    close.hidden = true;
  }

  state.log.forEach(show);
  choices(state.buttons);
  setOpen(state.open || data.open === "true", false);
  send.disabled = true;
  input.disabled = true;

  if (!PUBLISHABLE.test(key)) {
    say("This chat is not set up correctly: its key must be a publishable web chat key (stu_pk_…), never a secret key.");
  } else {
    request("/widget", { method: "GET" }).then(function (response) {
      if (!response.ok) {
        return problemOf(response).then(function (p) { say(explain(response.status, p)); });
      }
      return response.json().then(function (s) {
        settings = s;
        limit = s.maxMessageLength;
        title.textContent = data.title || s.name;
        input.disabled = false;
        checkLength();
        if (focusWhenReady && !panel.hidden) {
          input.focus();
        }
      });
    }, function () {
      say(explain(0));
    });
  }

  /** Sends a message as if typed, for a page's own buttons ("Ask about fees"); resolves once the reply shows. */
  api.send = function (text) {
    return submit(text) || Promise.resolve();
  };

  /** Starts a new conversation: forgets this one on the page (the studio keeps its transcript as the bot's settings say). */
  api.restart = function () {
    state = { id: newId(), log: [], open: true };
    save();
    log.textContent = "";
    say("");
  };
})();
