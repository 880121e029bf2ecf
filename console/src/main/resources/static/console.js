// The console's page: one EventSource on /api/console/live, re-rendered at each "view" event the server pushes.
// No polling: the only other requests are one order's timeline, when it is clicked, and an operator's action on it. Every value is set as text,
// never as HTML, so nothing in an order (a customer id, a reason) can run as script.
'use strict';

const OUTCOMES = ['CONFIRMED', 'REJECTED', 'CANCELLED'];

function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) {
        node.textContent = text;
    }
    if (className) {
        node.className = className;
    }
    return node;
}

function shortId(id) {
    return id.substring(0, 8);
}

function millis(value) {
    if (value === null || value === undefined) {
        return '';
    }
    return value < 10_000 ? `${value} ms` : `${(value / 1000).toFixed(1)} s`;
}

function orderCell(orderId) {
    const cell = element('td');
    const code = element('code', shortId(orderId));
    code.title = orderId;
    cell.append(code);
    return cell;
}

function renderRows(tableId, orders, cells) {
    const body = document.querySelector(`#${tableId} tbody`);
    const rows = orders.map(order => {
        const row = element('tr');
        row.dataset.order = order.orderId;
        row.append(orderCell(order.orderId), ...cells(order));
        row.addEventListener('click', () => showTimeline(order.orderId));
        return row;
    });
    body.replaceChildren(...rows);
}

function render(view) {
    for (const outcome of OUTCOMES) {
        document.getElementById(`rate-${outcome}`).textContent = view.lastSeconds.perSecond[outcome].toFixed(1);
    }
    document.getElementById('in-flight-count').textContent = view.lastSeconds.inFlight;
    document.getElementById('last-minute').textContent =
        OUTCOMES.reduce((sum, outcome) => sum + view.lastMinute.finished[outcome], 0);
    renderRows('in-flight', view.inFlight, order => [
        element('td', order.customerId ?? '?'),
        element('td', order.stepDescription),
        element('td', millis(order.waitingMillis), 'number')]);
    renderRows('finished', view.finished, order => [
        element('td', order.customerId ?? '?'),
        element('td', order.outcome + (order.reason ? ` (${order.reason})` : ''), `outcome-${order.outcome}`),
        element('td', millis(order.durationMillis), 'number')]);
    renderDeadLetters(view.deadLetters ?? []);
    renderLag(view.lag);
    renderBacklog(view.backlog);
}

function renderBacklog(backlog) {
    if (!backlog) {
        return;
    }
    document.getElementById('backlog-at').textContent = backlog.fresh
        ? `(${new Date(backlog.at).toISOString().substring(11, 19)})` : '(not every service answered: last known)';
    const rows = backlog.services.map(service => {
        const row = element('tr');
        const known = service.pending !== null && service.pending !== undefined;
        row.append(element('td', service.service + (service.fresh ? '' : ' (no answer)')),
            element('td', known ? String(service.pending) : '?', 'number'),
            element('td', known ? millis(service.oldestAgeMillis ?? 0) : '?', 'number'));
        return row;
    });
    document.querySelector('#backlog tbody').replaceChildren(...rows);
}

function renderLag(lag) {
    if (!lag) {
        return;
    }
    document.getElementById('lag-at').textContent = lag.fresh
        ? `(${new Date(lag.at).toISOString().substring(11, 19)})` : '(the broker did not answer: last known)';
    const rows = lag.groups.map(group => {
        const row = element('tr');
        const topics = Object.entries(group.perTopic).map(([topic, records]) => `${topic} ${records}`).join(', ');
        row.append(element('td', group.group), element('td', String(group.records), 'number'), element('td', topics));
        return row;
    });
    document.querySelector('#lag tbody').replaceChildren(...rows);
}

function renderDeadLetters(topics) {
    const rows = topics.map(topic => {
        const row = element('tr');
        const actions = element('td');
        const dryRun = element('button', 'Dry run');
        dryRun.type = 'button';
        dryRun.addEventListener('click', () => replay(topic.topic, true));
        const replayAll = element('button', 'Replay all');
        replayAll.type = 'button';
        replayAll.addEventListener('click', () => replay(topic.topic, false));
        actions.append(dryRun, replayAll);
        row.append(
            element('td', topic.topic),
            element('td', topic.consumerGroup ?? '?'),
            element('td', String(topic.letters), 'number'),
            element('td', new Date(topic.latestAt).toISOString().substring(0, 19).replace('T', ' ')),
            element('td', topic.latestReason ?? ''),
            actions);
        return row;
    });
    document.querySelector('#dead-letters tbody').replaceChildren(...rows);
}

// Replays what was never replayed on a dead-letter topic, by the service that gave up on it: a dry run only says
// what it would send.
async function replay(topic, dryRun) {
    const result = document.getElementById('replay-result');
    if (!dryRun && !window.confirm(`Replay every dead letter of ${topic} never replayed?`)) {
        return;
    }
    result.textContent = `${dryRun ? 'dry run' : 'replay'} of ${topic}\u2026`;
    const answer = await fetch(`/api/console/dead-letters/${encodeURIComponent(topic)}/replay`, {
        method: 'POST',
        headers: {Accept: 'application/json', 'Content-Type': 'application/json', 'X-XSRF-TOKEN': csrfToken()},
        body: JSON.stringify({dryRun})
    });
    const body = await answer.json().catch(() => ({}));
    if (answer.ok) {
        const ids = (body.replayed ?? []).map(letter => `${letter.type ?? '?'} ${letter.id ?? ''}`);
        result.textContent = `${topic}: ${dryRun ? 'would replay' : 'replayed'} ${ids.length}`
            + (ids.length ? `: ${ids.join(', ')}` : '');
    } else {
        result.textContent = `${answer.status} ${body.title ?? ''}: ${body.detail ?? ''}`;
    }
}

async function showTimeline(orderId) {
    const answer = await fetch(`/api/console/orders/${encodeURIComponent(orderId)}`,
        {headers: {Accept: 'application/json'}});
    if (!answer.ok) {
        return;
    }
    const timeline = await answer.json();
    const section = document.getElementById('timeline');
    document.getElementById('timeline-order').textContent = orderId;
    const order = timeline.order;
    document.getElementById('timeline-summary').textContent =
        `${order.stepDescription}, ${timeline.messages.length} messages over ${millis(timeline.spanMillis)}`;
    const longest = Math.max(1, ...timeline.messages.map(message => message.sincePreviousMillis));
    const rows = timeline.messages.map(message => {
        const bar = element('div', null, 'bar');
        bar.style.width = `${(100 * message.sincePreviousMillis / longest).toFixed(1)}%`;
        const barCell = element('td', null, 'bar-cell');
        barCell.append(bar);
        const row = element('tr');
        row.append(
            element('td', new Date(message.at).toISOString().substring(11, 23)),
            element('td', message.service),
            element('td', message.type),
            element('td', message.detail),
            element('td', millis(message.sincePreviousMillis), 'number'),
            barCell);
        return row;
    });
    section.querySelector('tbody').replaceChildren(...rows);
    showTrace(timeline.traceId, timeline.traceUrl);
    section.dataset.order = orderId;
    document.getElementById('timeline-actions').hidden = order.outcome !== null && order.outcome !== undefined;
    document.getElementById('action-result').textContent = '';
    section.hidden = false;
}

// The order's one trace: a link to the trace backend's page for it when the console was told where that is.
function showTrace(traceId, traceUrl) {
    const trace = document.getElementById('timeline-trace');
    if (!traceId) {
        trace.replaceChildren();
        return;
    }
    if (traceUrl && /^https?:\/\//.test(traceUrl)) {
        const link = element('a', `trace ${traceId}`);
        link.href = traceUrl;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
        trace.replaceChildren(link);
    } else {
        trace.replaceChildren(element('span', `trace ${traceId}`));
    }
}

// An operator's action on the saga shown: order-service carries it out; its answer is shown as it came.
async function act(action) {
    const orderId = document.getElementById('timeline').dataset.order;
    const result = document.getElementById('action-result');
    if (!orderId || !window.confirm(`${action} the saga of order ${orderId}?`)) {
        return;
    }
    result.textContent = `${action}\u2026`;
    const answer = await fetch(`/api/console/orders/${encodeURIComponent(orderId)}/${action}`,
        {method: 'POST', headers: {Accept: 'application/json', 'X-XSRF-TOKEN': csrfToken()}});
    const body = await answer.json().catch(() => ({}));
    if (answer.ok) {
        result.textContent = `done: ${body.saga.step}, sent ${body.sent.join(', ') || 'nothing'}`;
    } else {
        result.textContent = `${answer.status} ${body.title ?? ''}: ${body.detail ?? ''}`;
    }
}

function csrfToken() {
    const cookie = document.cookie.split('; ').find(pair => pair.startsWith('XSRF-TOKEN='));
    return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
}

function connect() {
    const status = document.getElementById('connection');
    const source = new EventSource('/api/console/live');
    source.addEventListener('open', () => {
        status.dataset.state = 'live';
        status.textContent = 'live';
    });
    source.addEventListener('view', event => render(JSON.parse(event.data)));
    source.addEventListener('error', () => {
        // The browser reconnects by itself; a refused stream (the session ended) it gives up on.
        status.dataset.state = 'lost';
        status.textContent = source.readyState === EventSource.CLOSED
            ? 'disconnected: reload the page to sign in again' : 'reconnecting\u2026';
    });
}

document.getElementById('resume').addEventListener('click', () => act('resume'));
document.getElementById('compensate').addEventListener('click', () => act('compensate'));

document.getElementById('sign-out').addEventListener('click', async () => {
    await fetch('/logout', {method: 'POST', headers: {'X-XSRF-TOKEN': csrfToken()}});
    window.location.assign('/signed-out.html');
});

connect();
