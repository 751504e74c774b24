/*
 * vipclient: the failover suite's client. Two modes:
 *
 *   vipclient watch ADDRESS HELD_PORT NEW_PORT INTERVAL_MS
 *     Holds one TCP connection to ADDRESS:HELD_PORT (a line echo that answers
 *     "rsN LINE") and sends a line on it every INTERVAL_MS, waiting as long as it takes
 *     for the answer (TCP retransmits through an outage); beside it, a second process
 *     opens a new connection to ADDRESS:NEW_PORT every INTERVAL_MS ("GET /", the
 *     answer's body is the server's name). One line per event, times in milliseconds
 *     since boot (CLOCK_BOOTTIME, the clock of /proc/uptime):
 *       held START END ok SERVER PORT     an answer on the held connection (PORT: the
 *                                         client's, to find it in a director's table)
 *       held START END dead REASON PORT   the held connection ended (then it stops)
 *       new START END ok SERVER PORT      a new connection answered
 *       new START END fail REASON PORT    refused, reset or timed out (NEW_TIMEOUT_MS)
 *     Runs until killed.
 *
 *   vipclient many ADDRESS PORT N
 *     Opens N connections to ADDRESS:PORT (the line echo), then for every line read on
 *     stdin (a round's name) sends a line on each connection and prints, per connection,
 *       ROUND LOCALPORT SERVER            or ROUND LOCALPORT dead
 *     (each answer awaited at most 5 s), then "ROUND done".
 *
 * A program rather than nc in a shell loop: a fork and exec per request under emulation
 * would make the client's rate follow the machine's load instead of the interval, and
 * the gaps measured would be the shell's.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* A new connection's bound, from the connect to the answer's end: longer than SYN
 * retransmissions through an outage of a few seconds (1 s, then 3 s), so that a new
 * connection fails only if the VIP stays unreachable, and long enough that a stall of
 * the emulated machine (its clock jumps ahead when the host runs it again) does not
 * time it out. */
#define NEW_TIMEOUT_MS 10000

static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_BOOTTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_until(long long when) {
    long long ms = when - now_ms();
    if (ms <= 0) return;
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
}

/* A connected socket, or -1 with *reason set; the connect is bounded by timeout_ms. */
static int connect_to(const char *address, int port, int timeout_ms, const char **reason) {
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(port)};
    if (inet_pton(AF_INET, address, &sa.sin_addr) != 1) { *reason = "bad-address"; return -1; }
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (fd < 0) { *reason = "socket"; return -1; }
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0 && errno != EINPROGRESS) {
        *reason = errno == ECONNREFUSED ? "refused" : "connect";
        close(fd);
        return -1;
    }
    struct pollfd p = {.fd = fd, .events = POLLOUT};
    if (poll(&p, 1, timeout_ms) != 1) { *reason = "timeout"; close(fd); return -1; }
    int err = 0;
    socklen_t len = sizeof err;
    getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
    if (err != 0) {
        *reason = err == ECONNREFUSED ? "refused" : err == ECONNRESET ? "reset" : "connect";
        close(fd);
        return -1;
    }
    return fd;
}

/* Reads until a newline (or the end, when until_end) into buf, bounded by timeout_ms
 * (negative: no bound). Returns the length, or -1 with *reason set. */
static int read_reply(int fd, char *buf, int size, int timeout_ms, int until_end, const char **reason) {
    int n = 0;
    long long deadline = timeout_ms < 0 ? -1 : now_ms() + timeout_ms;
    for (;;) {
        int wait = deadline < 0 ? -1 : (int)(deadline - now_ms());
        if (deadline >= 0 && wait <= 0) { *reason = "timeout"; return -1; }
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (poll(&p, 1, wait) != 1) { *reason = "timeout"; return -1; }
        ssize_t got = read(fd, buf + n, size - 1 - n);
        if (got < 0) { *reason = errno == ECONNRESET ? "reset" : "read"; return -1; }
        if (got == 0) {
            if (until_end) break;
            *reason = "closed";
            return -1;
        }
        n += got;
        buf[n] = 0;
        if ((!until_end && strchr(buf, '\n')) || n >= size - 1) break;
    }
    buf[n] = 0;
    return n;
}

static int local_port(int fd) {
    struct sockaddr_in sa;
    socklen_t len = sizeof sa;
    if (getsockname(fd, (struct sockaddr *)&sa, &len) != 0) return 0;
    return ntohs(sa.sin_port);
}

/* The first word of the echo's answer: the server's name. */
static void first_word(char *s) { s[strcspn(s, " \r\n")] = 0; }

static void held_loop(const char *address, int port, int interval) {
    const char *reason = "";
    int fd = -1;
    while (fd < 0) {
        fd = connect_to(address, port, 3000, &reason);
        if (fd < 0) sleep_until(now_ms() + interval);
    }
    for (long long i = 0;; i++) {
        long long start = now_ms();
        char line[64], buf[256];
        int len = snprintf(line, sizeof line, "ping%lld\n", i);
        if (write(fd, line, len) != len) reason = "write";
        else if (read_reply(fd, buf, sizeof buf, -1, 0, &reason) >= 0) {
            first_word(buf);
            printf("held %lld %lld ok %s %d\n", start, now_ms(), buf, local_port(fd));
            fflush(stdout);
            sleep_until(start + interval);
            continue;
        }
        printf("held %lld %lld dead %s %d\n", start, now_ms(), reason, local_port(fd));
        fflush(stdout);
        return;
    }
}

static void new_loop(const char *address, int port, int interval) {
    for (;;) {
        long long start = now_ms();
        const char *reason = "";
        char buf[512];
        long long deadline = start + NEW_TIMEOUT_MS;
        int fd = connect_to(address, port, NEW_TIMEOUT_MS, &reason);
        int lport = fd >= 0 ? local_port(fd) : 0;
        if (fd >= 0) {
            const char *req = "GET / HTTP/1.0\r\n\r\n";
            if (write(fd, req, strlen(req)) != (ssize_t)strlen(req)) reason = "write";
            else if (read_reply(fd, buf, sizeof buf, deadline > now_ms() ? (int)(deadline - now_ms()) : 1, 1,
                                &reason) >= 0) {
                char *body = strstr(buf, "\r\n\r\n");
                if (body && strncmp(body + 4, "rs", 2) == 0) {
                    first_word(body + 4);
                    printf("new %lld %lld ok %s %d\n", start, now_ms(), body + 4, lport);
                    fflush(stdout);
                    close(fd);
                    sleep_until(start + interval);
                    continue;
                }
                reason = "bad-answer";
            }
            close(fd);
        }
        printf("new %lld %lld fail %s %d\n", start, now_ms(), reason, lport);
        fflush(stdout);
        sleep_until(start + interval);
    }
}

static int many(const char *address, int port, int n) {
    int *fds = calloc(n, sizeof *fds);
    if (!fds) return 1;
    for (int i = 0; i < n; i++) {
        const char *reason = "";
        fds[i] = connect_to(address, port, 5000, &reason);
        if (fds[i] < 0) fprintf(stderr, "vipclient: connection %d: %s\n", i, reason);
    }
    char round[64];
    while (fgets(round, sizeof round, stdin)) {
        first_word(round);
        for (int i = 0; i < n; i++) {
            char buf[256];
            const char *reason = "";
            int lport = fds[i] >= 0 ? local_port(fds[i]) : 0;
            if (fds[i] >= 0 && write(fds[i], "ping\n", 5) == 5 &&
                read_reply(fds[i], buf, sizeof buf, 5000, 0, &reason) >= 0) {
                first_word(buf);
                printf("%s %d %s\n", round, lport, buf);
            } else {
                printf("%s %d dead\n", round, lport);
                if (fds[i] >= 0) close(fds[i]);
                fds[i] = -1;
            }
        }
        printf("%s done\n", round);
        fflush(stdout);
    }
    return 0;
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc == 6 && strcmp(argv[1], "watch") == 0) {
        int interval = atoi(argv[5]);
        if (fork() == 0) {
            new_loop(argv[2], atoi(argv[4]), interval);
            return 0;
        }
        held_loop(argv[2], atoi(argv[3]), interval);
        /* The held connection died: the new connections go on until the suite kills us. */
        for (;;) pause();
    }
    if (argc == 5 && strcmp(argv[1], "many") == 0) return many(argv[2], atoi(argv[3]), atoi(argv[4]));
    fprintf(stderr, "usage: vipclient watch ADDRESS HELD_PORT NEW_PORT INTERVAL_MS\n"
                    "       vipclient many ADDRESS PORT N\n");
    return 2;
}
