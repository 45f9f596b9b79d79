#!/usr/bin/env python3
"""Generate a deterministic, synthetic benchmark corpus of realistic logs.

    python3 benches/make_corpus.py --out bench-corpus --size-mb 200 [--seed 42]

Same arguments -> byte-identical output (random.Random(seed) only; no clock,
no uuid4, no os.urandom).  Stdlib only.  Writes 8 files:

    syslog_auth.log        syslog: sshd / sudo / CRON / kernel / dhcpd
    nginx_access.log       nginx combined log format (IPv4 + IPv6 clients)
    apache_access.log      Apache combined log format with referers
    app_json.jsonl         JSON application logs (one object per line)
    java_app.log           Java-style app log with multi-line stack traces
    helpdesk_en.csv        help-desk ticket export (quoted, multi-line fields)
    helpdesk_es.csv        Spanish help-desk ticket export (UTF-8, accents)
    app_es.log             Spanish-language application log

Density: almost every line has a timestamp and most an IP; about 1 line in
20 carries another identifier (e-mail, phone, SSN, card, IBAN, CLABE, CURP,
DNI, MAC, VIN, password ...); plenty of non-PII numbers (ids, durations,
ports, byte counts, UUIDs, hashes, versions, amounts).  All values are
synthetic (see fixtures/labelled/pii_gen.py).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # keep fixtures/labelled free of __pycache__
sys.path.insert(0, os.path.join(HERE, "..", "fixtures", "labelled"))
import pii_gen as g  # noqa: E402

# file name -> share of the total size
FILES = [
    ("syslog_auth.log", 0.14),
    ("nginx_access.log", 0.18),
    ("apache_access.log", 0.10),
    ("app_json.jsonl", 0.16),
    ("java_app.log", 0.14),
    ("helpdesk_en.csv", 0.09),
    ("helpdesk_es.csv", 0.07),
    ("app_es.log", 0.12),
]

PII_RATE = 1 / 20
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
EPOCH0 = 1704067200  # 2024-01-01T00:00:00Z, fixed


class FastRandom(random.Random):
    """random.Random with cheaper randint/choice (still fully deterministic)."""

    def randint(self, a: int, b: int) -> int:  # type: ignore[override]
        return a + int(self.random() * (b - a + 1))

    def randrange(self, n: int) -> int:  # type: ignore[override]
        return int(self.random() * n)

    def choice(self, seq):  # type: ignore[override]
        return seq[int(self.random() * len(seq))]


class Pools:
    """Pre-generated value pools so the hot loop only does rng.choice()."""

    def __init__(self, rng: random.Random):
        n = 3000
        self.ipv4 = [g.ipv4(rng) for _ in range(n)]
        self.ipv6 = [g.ipv6(rng) for _ in range(n // 3)]
        self.email_en = [g.email(rng, *g.person(rng, "en")) for _ in range(n)]
        self.email_es = [g.email(rng, *g.person(rng, "es")) for _ in range(n)]
        self.name_en = [" ".join(g.person(rng, "en")) for _ in range(n)]
        self.name_es = [" ".join(g.person(rng, "es")) for _ in range(n)]
        self.phone_us = [g.phone_us(rng) for _ in range(n)]
        self.phone_mx = [g.phone_mx(rng) for _ in range(n)]
        self.phone_es = [g.phone_es(rng) for _ in range(n)]
        self.ssn = [g.ssn(rng) for _ in range(n)]
        self.card = [g.format_card(g.card_number(rng)[0], rng.choice([" ", "-", ""])) for _ in range(n)]
        self.iban = [g.iban(rng) for _ in range(n)]
        self.iban_es = [g.iban_paper(g.iban(rng, "ES")) for _ in range(n)]
        self.clabe = [g.clabe(rng) for _ in range(n)]
        self.curp = [g.curp(rng) for _ in range(n)]
        self.rfc = [g.rfc(rng) for _ in range(n)]
        self.dni = [g.dni(rng) for _ in range(n)]
        self.nie = [g.nie(rng) for _ in range(n)]
        self.mac = [g.mac(rng) for _ in range(n)]
        self.vin = [g.vin(rng) for _ in range(n)]
        self.pw = [g.password(rng) for _ in range(n)]
        self.token = [g.bearer_token(rng) for _ in range(n // 3)]
        self.aba = [g.aba(rng) for _ in range(n)]
        self.dob_en = [g.fmt_date_en(rng, g.rand_date(rng, 1945, 2005)) for _ in range(n)]
        self.dob_es = [g.fmt_date_es(rng, g.rand_date(rng, 1945, 2005)) for _ in range(n)]
        self.uuid = [g.uuid4ish(rng) for _ in range(n * 2)]
        self.hex40 = [g.hexhash(rng, 40) for _ in range(n)]
        self.hex12 = [g.hexhash(rng, 12) for _ in range(n * 4)]
        self.bad_card = [g.luhn_failing(rng) for _ in range(n // 3)]
        self.user = ["root", "admin", "deploy", "backup", "jenkins", "ubuntu", "oracle", "test", "git", "postgres",
                     "svc_monitor", "ansible"]
        self.host = ["web01", "web02", "web03", "app-01", "app-02", "db-primary", "db-replica", "vpn-gw", "mx1",
                     "bastion", "helpdesk", "files01"]
        self.ua = [
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
            "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
            "curl/8.5.0", "python-requests/2.31.0", "Go-http-client/1.1", "Zabbix", "kube-probe/1.29",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        ]
        self.path = ["/", "/login", "/logout", "/api/v1/tickets", "/api/v1/tickets/{n}", "/api/v1/users/{n}",
                     "/static/js/app.{h}.js", "/static/css/main.{h}.css", "/static/img/icon@2x.png", "/favicon.ico",
                     "/healthz", "/metrics", "/kb/articles/{n}", "/api/v1/search?q=vpn&page={p}",
                     "/api/v2/assets/{n}/history", "/wp-login.php", "/.env", "/robots.txt"]


def pii_en(r: random.Random, p: Pools) -> str:
    k = r.randrange(12)
    if k == 0:
        return f"user={r.choice(p.email_en)}"
    if k == 1:
        return f"phone={r.choice(p.phone_us)}"
    if k == 2:
        return f"ssn={r.choice(p.ssn)}"
    if k == 3:
        return f"card={r.choice(p.card)}"
    if k == 4:
        return f"iban={r.choice(p.iban)}"
    if k == 5:
        return f"mac={r.choice(p.mac)}"
    if k == 6:
        return f"password={r.choice(p.pw)}"
    if k == 7:
        return f"vin={r.choice(p.vin)}"
    if k == 8:
        return f"dob={r.choice(p.dob_en)}"
    if k == 9:
        return f"Authorization: Bearer {r.choice(p.token)}"
    if k == 10:
        return f"routing_number={r.choice(p.aba)}"
    return f"contact={r.choice(p.email_en)} tel={r.choice(p.phone_us)}"


def pii_es(r: random.Random, p: Pools) -> str:
    k = r.randrange(12)
    if k == 0:
        return f"correo={r.choice(p.email_es)}"
    if k == 1:
        return f"teléfono={r.choice(p.phone_mx)}"
    if k == 2:
        return f"móvil={r.choice(p.phone_es)}"
    if k == 3:
        return f"tarjeta={r.choice(p.card)}"
    if k == 4:
        return f"IBAN {r.choice(p.iban_es)}"
    if k == 5:
        return f"CLABE {r.choice(p.clabe)}"
    if k == 6:
        return f"CURP {r.choice(p.curp)}"
    if k == 7:
        return f"DNI {r.choice(p.dni)}"
    if k == 8:
        return f"NIE {r.choice(p.nie)}"
    if k == 9:
        return f"RFC {r.choice(p.rfc)}"
    if k == 10:
        return f"contraseña: {r.choice(p.pw)}"
    return f"fecha de nacimiento: {r.choice(p.dob_es)}"


def iso(t: int, ms: int) -> str:
    tm = time.gmtime(t)
    return f"{tm.tm_year:04d}-{tm.tm_mon:02d}-{tm.tm_mday:02d}T{tm.tm_hour:02d}:{tm.tm_min:02d}:{tm.tm_sec:02d}.{ms:03d}Z"


def syslog_ts(t: int) -> str:
    tm = time.gmtime(t)
    return f"{MONTHS[tm.tm_mon - 1]} {tm.tm_mday:2d} {tm.tm_hour:02d}:{tm.tm_min:02d}:{tm.tm_sec:02d}"


def clf_ts(t: int) -> str:
    tm = time.gmtime(t)
    return f"{tm.tm_mday:02d}/{MONTHS[tm.tm_mon - 1]}/{tm.tm_year}:{tm.tm_hour:02d}:{tm.tm_min:02d}:{tm.tm_sec:02d} +0000"


# ---------------------------------------------------------------------------
# per-file line generators: gen(r, p, t) -> str (may contain newlines)
# ---------------------------------------------------------------------------

def gen_syslog(r, p, t):
    ts, h = syslog_ts(t), r.choice(p.host)
    k = r.randrange(10)
    pid = r.randint(300, 65000)
    if k < 3:
        line = (f"{ts} {h} sshd[{pid}]: {r.choice(['Accepted publickey', 'Failed password', 'Accepted password'])} "
                f"for {r.choice(p.user)} from {r.choice(p.ipv4)} port {r.randint(1024, 65535)} ssh2")
    elif k == 3:
        line = (f"{ts} {h} sshd[{pid}]: Invalid user {r.choice(p.user)} from {r.choice(p.ipv4)} "
                f"port {r.randint(1024, 65535)}")
    elif k == 4:
        line = f"{ts} {h} sudo: {r.choice(p.user)} : TTY=pts/{r.randint(0, 9)} ; PWD=/home/{r.choice(p.user)} ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx"
    elif k == 5:
        line = f"{ts} {h} CRON[{pid}]: (root) CMD (/usr/local/bin/backup.sh --retain {r.randint(1, 30)} >/dev/null 2>&1)"
    elif k == 6:
        line = (f"{ts} {h} kernel: [{r.randint(1, 9999999)}.{r.randint(0, 999999):06d}] UFW BLOCK IN=eth0 OUT= "
                f"SRC={r.choice(p.ipv4)} DST={r.choice(p.ipv4)} LEN={r.randint(40, 1500)} TTL={r.randint(30, 128)} "
                f"ID={r.randint(0, 65535)} PROTO=TCP SPT={r.randint(1024, 65535)} DPT={r.choice([22, 80, 443, 3389, 8080])}")
    elif k == 7:
        line = (f"{ts} {h} dhcpd[{pid}]: DHCPACK on {r.choice(p.ipv4)} to {r.choice(p.mac)} "
                f"(LAPTOP-{r.choice(p.hex12)[:6].upper()}) via eth{r.randint(0, 3)}")
    elif k == 8:
        line = f"{ts} {h} systemd[1]: Started session-{r.randint(1, 99999)}.scope - Session {r.randint(1, 99999)} of User {r.choice(p.user)}."
    else:
        line = f"{ts} {h} postfix/smtpd[{pid}]: connect from unknown[{r.choice(p.ipv4)}]"
    if r.random() < PII_RATE:
        line += " " + pii_en(r, p)
    return line


def _path(r, p):
    return r.choice(p.path).format(n=r.randint(1, 999999), h=r.choice(p.hex12)[:8], p=r.randint(1, 50))


def gen_nginx(r, p, t):
    ip = r.choice(p.ipv6) if r.random() < 0.15 else r.choice(p.ipv4)
    path = _path(r, p)
    if r.random() < PII_RATE:
        k = r.randrange(3)
        if k == 0:
            path = f"/api/v1/users/lookup?email={r.choice(p.email_en)}"
        elif k == 1:
            path = f"/password/reset?email={r.choice(p.email_es).replace('@', '%40')}&t={r.choice(p.hex40)}"
        else:
            path = f"/subscribe?phone={r.choice(p.phone_us).replace(' ', '%20').replace('+', '%2B')}"
    return (f'{ip} - - [{clf_ts(t)}] "{r.choice(["GET", "GET", "GET", "POST"])} {path} HTTP/1.1" '
            f'{r.choice([200, 200, 200, 200, 304, 301, 404, 500])} {r.randint(0, 250000)} "-" "{r.choice(p.ua)}" '
            f'rt={r.randint(0, 3000) / 1000:.3f}')


def gen_apache(r, p, t):
    ip = r.choice(p.ipv4)
    user = r.choice(p.user) if r.random() < 0.1 else "-"
    path = _path(r, p)
    ref = f"https://intranet.example.com{_path(r, p)}" if r.random() < 0.5 else "-"
    line = (f'{ip} - {user} [{clf_ts(t)}] "{r.choice(["GET", "GET", "POST", "HEAD"])} {path} HTTP/1.1" '
            f'{r.choice([200, 200, 200, 302, 404, 403])} {r.randint(0, 90000)} "{ref}" "{r.choice(p.ua)}"')
    if r.random() < PII_RATE:
        line = line.replace(" HTTP/1.1", f"?ref={r.choice(p.email_en)} HTTP/1.1", 1)
    return line


def gen_json(r, p, t):
    lvl = r.choice(["info", "info", "info", "debug", "warn", "error"])
    svc = r.choice(["auth", "tickets", "billing", "notify", "search", "assets"])
    base = (f'{{"ts":"{iso(t, r.randint(0, 999))}","level":"{lvl}","service":"{svc}",'
            f'"trace_id":"{r.choice(p.uuid)}","span_id":"{r.choice(p.hex12)}","remote_addr":"{r.choice(p.ipv4)}",'
            f'"method":"{r.choice(["GET", "POST", "PUT"])}","path":"/api/v1/{svc}/{r.randint(1, 99999)}",'
            f'"status":{r.choice([200, 200, 201, 204, 400, 401, 404, 500])},"duration_ms":{r.randint(1, 5000)},'
            f'"bytes":{r.randint(0, 10 ** 6)},"version":"3.{r.randint(0, 20)}.{r.randint(0, 99)}"')
    if r.random() < PII_RATE:
        k = r.randrange(5)
        if k == 0:
            base += f',"user":"{r.choice(p.email_en)}"'
        elif k == 1:
            base += f',"customer":{{"name":"{r.choice(p.name_en)}","phone":"{r.choice(p.phone_us)}"}}'
        elif k == 2:
            base += f',"payment":{{"card":"{r.choice(p.card)}","amount":{r.randint(1, 9999)}.{r.randint(0, 99):02d}}}'
        elif k == 3:
            base += f',"headers":{{"authorization":"Bearer {r.choice(p.token)}"}}'
        else:
            base += f',"kyc":{{"ssn":"{r.choice(p.ssn)}","dob":"{r.choice(p.dob_en)}"}}'
    else:
        base += f',"order_id":{r.randint(10 ** 6, 10 ** 10)},"msg":"{r.choice(["ok", "cache miss", "retrying", "done"])}"'
    return base + "}"


JAVA_FRAMES = [
    "com.example.helpdesk.tickets.TicketService.update(TicketService.java:{n})",
    "com.example.helpdesk.api.TicketController.put(TicketController.java:{n})",
    "org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:{n})",
    "jakarta.servlet.http.HttpServlet.service(HttpServlet.java:{n})",
    "org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:{n})",
    "com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:{n})",
    "java.base/java.lang.Thread.run(Thread.java:{n})",
    "java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:{n})",
]


JAVA_MSGS = [
    lambda r, p: f"Completed request {r.choice(p.uuid)} in {r.randint(1, 900)} ms",
    lambda r, p: f"Cache refresh took {r.randint(1, 9999)} ms ({r.randint(1, 99999)} entries)",
    lambda r, p: f"Client {r.choice(p.ipv4)} opened session {r.choice(p.hex12)}",
    lambda r, p: f"HikariPool-1 - stats (total={r.randint(5, 50)}, active={r.randint(0, 20)}, idle={r.randint(0, 20)})",
    lambda r, p: f"Processing ticket #{r.randint(10000, 999999)} priority P{r.randint(1, 4)}",
]


def gen_java(r, p, t):
    tm = time.gmtime(t)
    ts = f"{tm.tm_year}-{tm.tm_mon:02d}-{tm.tm_mday:02d} {tm.tm_hour:02d}:{tm.tm_min:02d}:{tm.tm_sec:02d},{r.randint(0, 999):03d}"
    thread = f"http-nio-8080-exec-{r.randint(1, 200)}"
    k = r.random()
    if k < 0.9:
        msg = r.choice(JAVA_MSGS)(r, p)
        line = f"{ts} INFO  [{thread}] c.e.h.{r.choice(['TicketService', 'AuthFilter', 'CacheManager'])} - {msg}"
        if r.random() < PII_RATE:
            line += " " + pii_en(r, p)
        return line
    exc = r.choice(["java.lang.NullPointerException", "java.sql.SQLTransientConnectionException",
                    "org.springframework.dao.DataIntegrityViolationException", "java.lang.IllegalStateException"])
    detail = f"Duplicate entry '{r.choice(p.email_en)}' for key 'users.email'" if r.random() < 0.3 else \
        f"Connection is not available, request timed out after {r.randint(1000, 30000)}ms"
    lines = [f"{ts} ERROR [{thread}] c.e.h.api.ErrorHandler - Unhandled exception for request {r.choice(p.uuid)}",
             f"{exc}: {detail}"]
    for _ in range(r.randint(4, 12)):
        lines.append("\tat " + r.choice(JAVA_FRAMES).format(n=r.randint(20, 2000)))
    lines.append(f"\t... {r.randint(10, 90)} common frames omitted")
    return "\n".join(lines)


SUBJ_EN = ["VPN not connecting", "Password reset", "Printer offline", "Outlook keeps crashing", "New laptop request",
           "Access to shared drive", "MFA token lost", "Refund request", "Billing question", "Monitor flickering"]
DESC_EN = ["User reports the issue started after the {v} update. Restarted twice, no luck.",
           "Error code 0x{h} when opening the app; logs attached ({n} bytes).",
           "Tried on Wi-Fi and wired, same result. Asset tag AT-{n}.",
           "Order {n} was delivered but the invoice INV-2024-{n} shows the wrong amount ($1,{a}.00).",
           "Please escalate to tier 2, SLA breach in {a} minutes."]
SUBJ_ES = ["No conecta la VPN", "Restablecer contraseña", "Impresora fuera de línea", "Outlook se cierra solo",
           "Solicitud de equipo nuevo", "Acceso a carpeta compartida", "Perdí el token MFA", "Solicitud de reembolso",
           "Duda de facturación", "El monitor parpadea"]
DESC_ES = ["El usuario indica que el problema empezó tras la actualización {v}. Reinició dos veces, sin éxito.",
           "Código de error 0x{h} al abrir la aplicación; se adjuntan registros ({n} bytes).",
           "Probó por Wi-Fi y por cable, mismo resultado. Etiqueta de activo AT-{n}.",
           "El pedido {n} llegó pero la factura F-2024-{n} tiene un importe incorrecto (MXN {a},500.00).",
           "Favor de escalar a nivel 2, el SLA vence en {a} minutos."]


def _csv_q(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


def gen_csv(lang):
    subj, desc = (SUBJ_EN, DESC_EN) if lang == "en" else (SUBJ_ES, DESC_ES)
    status = ["open", "pending", "solved", "closed"] if lang == "en" else ["abierto", "pendiente", "resuelto", "cerrado"]

    def gen(r, p, t):
        tm = time.gmtime(t)
        created = f"{tm.tm_year}-{tm.tm_mon:02d}-{tm.tm_mday:02d} {tm.tm_hour:02d}:{tm.tm_min:02d}:{tm.tm_sec:02d}"
        d = r.choice(desc).format(v=f"{r.randint(1, 12)}.{r.randint(0, 9)}.{r.randint(0, 99)}",
                                  h=r.choice(p.hex12)[:8].upper(), n=r.randint(1000, 9999999), a=r.randint(100, 999))
        if r.random() < 0.3:
            d += "\n" + r.choice(desc).format(v="2.0.1", h="80070005", n=r.randint(1000, 99999), a=r.randint(100, 999))
        pii = r.random() < PII_RATE * 3  # every row has requester contact columns anyway
        if pii:
            d += " " + (pii_en(r, p) if lang == "en" else pii_es(r, p))
        if r.random() < 0.05:
            d = d.replace("issue", '"issue"').replace("problema", '"problema"')
        if lang == "en":
            name, email, phone = r.choice(p.name_en), r.choice(p.email_en), r.choice(p.phone_us)
        else:
            name, email = r.choice(p.name_es), r.choice(p.email_es)
            phone = r.choice(p.phone_mx) if r.random() < 0.6 else r.choice(p.phone_es)
        return ",".join([str(r.randint(100000, 999999)), created, _csv_q(name), email, _csv_q(phone),
                         _csv_q(r.choice(subj)), _csv_q(d), r.choice(status), r.choice(p.uuid)])
    return gen


CSV_HEADER_EN = "id,created_at,requester_name,requester_email,phone,subject,description,status,external_id"
CSV_HEADER_ES = "id,fecha_creacion,nombre_solicitante,correo_solicitante,telefono,asunto,descripcion,estado,id_externo"


APP_ES_MSGS = [
    lambda r, p: f"petición {r.choice(p.uuid)} completada en {r.randint(1, 900)} ms desde {r.choice(p.ipv4)}",
    lambda r, p: f"pedido {r.randint(10 ** 6, 10 ** 10)} enviado, guía {r.randint(10 ** 11, 10 ** 12 - 1)}",
    lambda r, p: f"factura F-2024-{r.randint(1, 999999):06d} timbrada, total MXN {r.randint(1, 99)},{r.randint(100, 999)}.00",
    lambda r, p: f"sesión iniciada para el usuario {r.randint(1000, 99999)} desde {r.choice(p.ipv4)}",
    lambda r, p: f"caché renovada: {r.randint(1, 99999)} entradas, {r.randint(10 ** 4, 10 ** 9)} bytes",
    lambda r, p: f"versión {r.randint(1, 9)}.{r.randint(0, 20)}.{r.randint(0, 99)} desplegada en {r.choice(p.host)}",
    lambda r, p: f"cita programada para el {r.randint(1, 28)}/{r.randint(1, 12):02d}/2024 (ticket {r.randint(10000, 99999)})",
    lambda r, p: f"reintento {r.randint(1, 5)} de 5 para el trabajo {r.choice(p.hex12)}",
    lambda r, p: (f"saldo pendiente € {r.randint(1, 9)}.{r.randint(100, 999)},{r.randint(10, 99)} en la cuenta del "
                  f"cliente {r.randint(1000, 99999)}"),
]


def gen_app_es(r, p, t):
    lvl = r.choice(["INFO ", "INFO ", "INFO ", "DEBUG", "WARN ", "ERROR"])
    msg = r.choice(APP_ES_MSGS)(r, p)
    line = f"{iso(t, r.randint(0, 999))} {lvl} [{r.choice(p.hex12)}] {msg}"
    if r.random() < PII_RATE:
        line += " " + pii_es(r, p)
    return line


GENERATORS = {
    "syslog_auth.log": (gen_syslog, None),
    "nginx_access.log": (gen_nginx, None),
    "apache_access.log": (gen_apache, None),
    "app_json.jsonl": (gen_json, None),
    "java_app.log": (gen_java, None),
    "helpdesk_en.csv": (gen_csv("en"), CSV_HEADER_EN),
    "helpdesk_es.csv": (gen_csv("es"), CSV_HEADER_ES),
    "app_es.log": (gen_app_es, None),
}


def write_file(path: str, target: int, gen, header: str | None, r: random.Random, pools: Pools) -> int:
    written = 0
    t = EPOCH0 + r.randint(0, 86400)
    with open(path, "wb") as fh:
        if header:
            b = (header + "\r\n").encode()
            fh.write(b)
            written += len(b)
        sep = "\r\n" if header else "\n"
        while written < target:
            batch = []
            for _ in range(4000):
                t += r.randint(0, 3)
                batch.append(gen(r, pools, t))
            data = (sep.join(batch) + sep).encode("utf-8")
            last = written + len(data) >= target
            if last:
                # trim to whole lines so the file ends at (just under) the target size
                cut = data.rfind(sep.encode(), 0, target - written + 1)
                data = data[:cut + len(sep)] if cut >= 0 else data
            fh.write(data)
            written += len(data)
            if last:
                break
    return written


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="output directory (created if missing)")
    ap.add_argument("--size-mb", type=float, default=200, help="total size in MiB (default 200)")
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    total_target = int(args.size_mb * 1024 * 1024)
    start = time.perf_counter()
    pools = Pools(FastRandom(args.seed))
    total = 0
    for i, (name, share) in enumerate(FILES):
        gen, header = GENERATORS[name]
        r = FastRandom(args.seed * 1000 + i)
        n = write_file(os.path.join(args.out, name), int(total_target * share), gen, header, r, pools)
        total += n
        print(f"{n:>12,d}  {os.path.join(args.out, name)}", flush=True)
    print(f"{total:>12,d}  total bytes ({total / 1048576:.1f} MiB) in {time.perf_counter() - start:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
