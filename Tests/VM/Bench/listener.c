/*
 * listener: the real servers of the health-check benchmark (Scripts/bench-health), as
 * one process. Thousands of real servers cost one listening socket per port, not one
 * process each: the benchmark's namespace routes whole address ranges to itself
 * (`ip route add local 10.1.0.0/16 dev lo`), so a socket bound to 0.0.0.0:PORT accepts
 * connections to every address of the range.
 *
 *   usage: listener COUNTFILE PORT...
 *
 * Every connection is accepted; when the client sends anything, it gets one HTTP/1.0
 * "200 OK" answer with a short body and the connection is closed, so the same socket
 * serves TCP connect checks (the client closes without sending) and HTTP GET checks.
 * Once a second the number of connections accepted so far on each port is written to
 * COUNTFILE, one "PORT COUNT" line each (written to a temporary name, then renamed, so a
 * reader never sees half a file): the benchmark counts the checks that really reached a
 * server from it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_PORTS 8

static const char answer[] =
    "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n"
    "Connection: close\r\n\r\nok\n";

static int listen_on(int port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  int one = 1;
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(port)};
  if (fd < 0) return -1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  /* A large backlog: a burst of checks must not be refused by a full queue. */
  if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 65535) < 0) return -1;
  return fd;
}

static void write_counts(const char *path, int nports, const int *ports,
                         const unsigned long *counts) {
  char tmp[4096];
  snprintf(tmp, sizeof tmp, "%s.tmp", path);
  FILE *f = fopen(tmp, "w");
  if (!f) return;
  for (int i = 0; i < nports; i++) fprintf(f, "%d %lu\n", ports[i], counts[i]);
  fclose(f);
  rename(tmp, path);
}

int main(int argc, char **argv) {
  if (argc < 3 || argc - 2 > MAX_PORTS) {
    fprintf(stderr, "usage: listener COUNTFILE PORT... (at most %d ports)\n", MAX_PORTS);
    return 2;
  }
  int nports = argc - 2, ports[MAX_PORTS], lfds[MAX_PORTS];
  unsigned long counts[MAX_PORTS] = {0};
  /* Thousands of checks may be open at once. */
  struct rlimit rl = {1 << 20, 1 << 20};
  if (setrlimit(RLIMIT_NOFILE, &rl) < 0) {
    rl.rlim_cur = rl.rlim_max = 65536;
    setrlimit(RLIMIT_NOFILE, &rl);
  }
  signal(SIGPIPE, SIG_IGN);
  int ep = epoll_create1(0);
  for (int i = 0; i < nports; i++) {
    ports[i] = atoi(argv[i + 2]);
    lfds[i] = listen_on(ports[i]);
    if (lfds[i] < 0) {
      fprintf(stderr, "listener: port %d: %s\n", ports[i], strerror(errno));
      return 1;
    }
    /* The listening sockets are told apart from connections by a negative tag. */
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = (uint64_t)-(i + 1)};
    epoll_ctl(ep, EPOLL_CTL_ADD, lfds[i], &ev);
  }
  write_counts(argv[1], nports, ports, counts);
  time_t last = time(NULL);
  struct epoll_event evs[256];
  for (;;) {
    int n = epoll_wait(ep, evs, 256, 200);
    for (int k = 0; k < n; k++) {
      int64_t tag = (int64_t)evs[k].data.u64;
      if (tag < 0) {
        int i = (int)(-tag - 1), c;
        while ((c = accept4(lfds[i], NULL, NULL, SOCK_NONBLOCK)) >= 0) {
          counts[i]++;
          struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP, .data.u64 = (uint64_t)c};
          if (epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev) < 0) close(c);
        }
        continue;
      }
      int c = (int)tag;
      char buf[2048];
      ssize_t got = read(c, buf, sizeof buf);
      /* Data: a request, answered at once (a check sends its request in one piece).
       * End of file or an error: the client is gone. Either way the connection ends. */
      if (got > 0) (void)!write(c, answer, sizeof answer - 1);
      if (got < 0 && errno == EAGAIN) continue;
      close(c);
    }
    time_t now = time(NULL);
    if (now != last) {
      last = now;
      write_counts(argv[1], nports, ports, counts);
    }
  }
}
