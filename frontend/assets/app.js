// gMSA Portal browser script: served by the portal itself (no CDN), loaded with defer, no inline code.
(function () {
  'use strict';

  // Times are stored and sent in UTC; show them in the viewer's zone, keeping UTC in the tooltip.
  function localiseTimes() {
    var format = new Intl.DateTimeFormat(undefined, {
      year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short'
    });
    document.querySelectorAll('time[datetime]').forEach(function (el) {
      var when = new Date(el.getAttribute('datetime'));
      if (!isNaN(when.getTime())) {
        el.title = el.getAttribute('datetime');
        el.textContent = format.format(when);
      }
    });
  }

  // Filters typed as local times are read in this zone by the server.
  function fillTimeZone() {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    document.querySelectorAll('input[data-timezone-field]').forEach(function (input) {
      if (!input.value && zone) {
        input.value = zone;
      }
    });
  }

  // A running run's page follows its progress without reloading; without script, its refresh link does.
  function followRun() {
    var live = document.querySelector('[data-progress-url]');
    if (!live) {
      return;
    }
    var url = live.getAttribute('data-progress-url');
    var refresh = document.getElementById('refresh');
    function show(progress) {
      document.getElementById('run-state').textContent = progress.state;
      document.getElementById('run-failure').textContent = progress.failure || '\u2013';
      progress.steps.forEach(function (step) {
        var row = document.querySelector('tr[data-step="' + step.index + '"]');
        if (row) {
          row.querySelector('.step-state').textContent = step.state;
          row.querySelector('.step-detail').textContent = step.detail || '';
          var attempts = row.querySelector('.step-attempts');
          if (attempts) {
            attempts.textContent = String(step.attempts);
          }
          row.classList.toggle('current', step.index === progress.currentIndex);
        }
      });
      // The run page's progress line (issue 19): steps done of all, and the step it is at.
      var bar = document.getElementById('run-progress-bar');
      if (bar) {
        bar.max = progress.total;
        bar.value = progress.done;
      }
      var count = document.getElementById('run-progress-count');
      if (count) {
        count.textContent = format(count.getAttribute('data-template'), [progress.done, progress.total]);
      }
      var current = document.getElementById('run-progress-current');
      if (current && progress.current) {
        current.textContent = format(current.getAttribute('data-template'),
          [progress.currentIndex + 1, progress.current]);
      }
    }
    function poll() {
      getJson(url)
        .then(function (progress) {
          show(progress);
          if (!progress.finished) {
            window.setTimeout(poll, 1500);
          } else {
            // Finished: reload once for the artifacts, actions and the password button.
            window.location.reload();
          }
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    }
    if (refresh) {
      refresh.hidden = true;
    }
    window.setTimeout(poll, 1000);
  }

  // Fills {0}, {1} in a message the server rendered into a data- attribute.
  function format(template, values) {
    return (template || '').replace(/\{(\d)\}/g, function (all, i) {
      return values[i] !== undefined ? String(values[i]) : all;
    });
  }

  function getJson(url) {
    return fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : Promise.reject('HTTP ' + response.status); });
  }

  function paragraph(id, cls, text) {
    var p = document.createElement('p');
    p.id = id;
    p.className = cls;
    p.textContent = text;
    return p;
  }

  // Identity page: SPN collisions while typing; the server checks again on Next, also without script.
  function liveSpnCheck() {
    var box = document.getElementById('spns-live');
    var field = document.getElementById('spns');
    if (!box || !field) {
      return;
    }
    var name = document.getElementById('gmsaName');
    var host = document.getElementById('dnsHostName');
    var timer = null;
    var latest = 0;
    function show(node) {
      box.textContent = '';
      if (node) {
        box.appendChild(node);
      }
    }
    function render(answer) {
      if (!answer.checked) {
        show(paragraph('spns-uncheckable', 'alert warning', format(box.getAttribute('data-uncheckable'), [answer.message])));
      } else if (answer.conflicts.length === 0) {
        show(paragraph('spns-free', 'alert ok', box.getAttribute('data-free')));
      } else {
        // Blocking ones stop Next on the server; warnings (HOST alias elsewhere) only need reading.
        var both = document.createElement('div');
        var blocking = answer.conflicts.filter(function (c) { return c.blocking; });
        var warnings = answer.conflicts.filter(function (c) { return !c.blocking; });
        if (blocking.length > 0) {
          var errors = conflictList(blocking);
          errors.id = 'spns-conflicts';
          errors.className = 'alert error';
          both.appendChild(errors);
        }
        if (warnings.length > 0) {
          var warned = document.createElement('div');
          warned.id = 'spns-warnings';
          warned.className = 'alert warning';
          warned.appendChild(paragraph('spns-warnings-intro', '', box.getAttribute('data-warnings')));
          warned.appendChild(conflictList(warnings));
          both.appendChild(warned);
        }
        show(both);
      }
    }
    function conflictList(conflicts) {
      var list = document.createElement('ul');
      conflicts.forEach(function (conflict) {
        var item = document.createElement('li');
        item.textContent = conflict.message;
        item.setAttribute('data-holder', conflict.holder);
        list.appendChild(item);
      });
      return list;
    }
    // The run also registers host/<gMSA name> and host/<DNS host name>: those are checked even with no SPN typed.
    function check() {
      var nameValue = name ? name.value : '';
      var hostValue = host ? host.value : '';
      if (!field.value.trim() && !nameValue.trim() && !hostValue.trim()) {
        show(null);
        return;
      }
      var mine = ++latest;
      show(paragraph('spns-checking', 'muted', box.getAttribute('data-checking')));
      var query = new URLSearchParams({ spns: field.value, gmsaName: nameValue, dnsHostName: hostValue });
      getJson(box.getAttribute('data-check-url') + '?' + query)
        .then(function (answer) { if (mine === latest) { render(answer); } })
        .catch(function (reason) {
          if (mine === latest) {
            show(paragraph('spns-uncheckable', 'alert warning', format(box.getAttribute('data-uncheckable'), [reason])));
          }
        });
    }
    function later() {
      window.clearTimeout(timer);
      timer = window.setTimeout(check, 600);
    }
    field.addEventListener('input', later);
    if (name) {
      name.addEventListener('change', later);
    }
    if (host) {
      host.addEventListener('change', later);
    }
  }

  // Identity page: search computer accounts in place and add them to the members field.
  function computerSearch() {
    var box = document.getElementById('computer-search');
    var members = document.getElementById('computerAccounts');
    if (!box || !members) {
      return;
    }
    var input = document.getElementById('computerSearch');
    var message = document.getElementById('computer-search-message');
    var table = document.getElementById('computer-results');
    var body = table.querySelector('tbody');
    var timer = null;
    var latest = 0;
    function cell(row, text, cls) {
      var td = document.createElement('td');
      td.textContent = text;
      if (cls) {
        td.className = cls;
      }
      row.appendChild(td);
    }
    function row(computer) {
      var tr = document.createElement('tr');
      tr.className = 'computer-result';
      tr.setAttribute('data-account', computer.samAccountName);
      cell(tr, computer.samAccountName, 'computer-account');
      cell(tr, computer.dnsHostName || '\u2013');
      cell(tr, computer.dn, 'dn');
      cell(tr, box.getAttribute(computer.disabled ? 'data-disabled' : 'data-enabled'));
      var td = document.createElement('td');
      var add = document.createElement('button');
      add.type = 'button';
      add.className = 'add-computer';
      add.setAttribute('data-account', computer.samAccountName);
      add.setAttribute('aria-label', format(box.getAttribute('data-add-label'), [computer.samAccountName]));
      add.textContent = box.getAttribute('data-add');
      td.appendChild(add);
      tr.appendChild(td);
      return tr;
    }
    function render(text, answer) {
      body.textContent = '';
      if (!answer.checked) {
        message.textContent = format(box.getAttribute('data-uncheckable'), [answer.message]);
      } else if (answer.found.length === 0) {
        message.textContent = format(box.getAttribute('data-none'), [text]);
      } else {
        message.textContent = format(box.getAttribute(answer.truncated ? 'data-truncated' : 'data-count'),
          [answer.found.length, text]);
        answer.found.forEach(function (computer) { body.appendChild(row(computer)); });
      }
      table.hidden = body.children.length === 0;
    }
    function search() {
      var text = input.value.trim();
      if (!text) {
        return;
      }
      var mine = ++latest;
      getJson(box.getAttribute('data-search-url') + '?' + new URLSearchParams({ q: text }))
        .then(function (answer) { if (mine === latest) { render(text, answer); } })
        .catch(function (reason) {
          if (mine === latest) {
            render(text, { checked: false, message: reason, found: [] });
          }
        });
    }
    function add(account) {
      var lines = members.value.split(/\r?\n/).map(function (l) { return l.trim(); }).filter(Boolean);
      var listed = lines.some(function (l) { return l.toLowerCase() === account.toLowerCase(); });
      if (!listed) {
        lines.push(account);
        members.value = lines.join('\n');
      }
    }
    box.addEventListener('click', function (event) {
      var button = event.target.closest('button');
      if (!button) {
        return;
      }
      if (button.classList.contains('add-computer')) {
        event.preventDefault();
        add(button.getAttribute('data-account'));
      } else if (button.id === 'computer-search-button') {
        event.preventDefault();
        search();
      }
    });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter') {
        event.preventDefault();
        search();
      }
    });
    input.addEventListener('input', function () {
      window.clearTimeout(timer);
      if (input.value.trim().length >= 2) {
        timer = window.setTimeout(search, 400);
      }
    });
  }

  // Copy buttons (issue 19): data-copy names the element whose text is copied. Without script they stay hidden and
  // the value is plain text to select by hand. The clipboard API needs a secure context (HTTPS, localhost); where it
  // is refused the text is selected and copied the old way, or left selected with a note to press Ctrl+C. What
  // happened is said on the button and in a status line for screen readers.
  function copyButtons() {
    document.querySelectorAll('button[data-copy]').forEach(function (button) {
      var target = document.getElementById(button.getAttribute('data-copy'));
      if (!target) {
        return;
      }
      var status = document.createElement('span');
      status.className = 'visually-hidden';
      status.setAttribute('role', 'status');
      button.insertAdjacentElement('afterend', status);
      button.hidden = false;
      function say(text) {
        button.textContent = text;
        status.textContent = text;
      }
      function selectAndCopy() {
        var range = document.createRange();
        range.selectNodeContents(target);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        var copied = false;
        try {
          copied = document.execCommand('copy');
        } catch (ignored) {
          copied = false;
        }
        say(button.getAttribute(copied ? 'data-copied' : 'data-selected') || button.getAttribute('data-copied'));
      }
      button.addEventListener('click', function () {
        var text = target.textContent.trim();
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(function () { say(button.getAttribute('data-copied')); },
            selectAndCopy);
          return;
        }
        selectAndCopy();
      });
    });
  }

  // Fields that apply to one choice only (data-shown-when: the field's name, data-shown-value: the choice) show and
  // hide with it, e.g. the computer accounts for domain-joined hosts and the plug-in for portable ones. Without
  // script every field stays, and the server judges only those of the choice made. A group holding an error is
  // never hidden: the admin must see what to fix.
  function conditionalFields() {
    document.querySelectorAll('[data-shown-when]').forEach(function (group) {
      var scope = group.closest('form') || document;
      var name = group.getAttribute('data-shown-when');
      var value = group.getAttribute('data-shown-value');
      var keep = group.querySelector('.error') !== null;
      function chosen() {
        return Array.prototype.some.call(scope.querySelectorAll('[name="' + name + '"]'), function (input) {
          if (input.type === 'radio' || input.type === 'checkbox') {
            return input.checked && input.value === value;
          }
          return input.value === value;
        });
      }
      function update() {
        group.hidden = !keep && !chosen();
      }
      scope.addEventListener('change', function (event) {
        if (event.target.name === name) {
          update();
        }
      });
      update();
    });
  }

  // A table or block that scrolls sideways inside the page (a phone, a long value) scrolls with the keyboard too: it
  // takes the focus while it has something to scroll to (WCAG 2.1.1, axe's scrollable-region-focusable).
  function keyboardScroll() {
    document.querySelectorAll('.table-scroll, pre').forEach(function (el) {
      if (el.scrollWidth > el.clientWidth) {
        if (!el.hasAttribute('tabindex')) {
          el.setAttribute('tabindex', '0');
          el.setAttribute('data-scroll-focus', '');
        }
      } else if (el.hasAttribute('data-scroll-focus')) {
        el.removeAttribute('tabindex');
        el.removeAttribute('data-scroll-focus');
      }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    keyboardScroll();
    window.addEventListener('resize', keyboardScroll);
    localiseTimes();
    copyButtons();
    conditionalFields();
    fillTimeZone();
    followRun();
    liveSpnCheck();
    computerSearch();
  });
}());
