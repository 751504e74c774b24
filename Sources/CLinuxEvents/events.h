// epoll and eventfd, as one header for Swift: Swift's Glibc module does not include
// them. Headers only; nothing here is compiled or linked beyond the C library.
#include <sys/epoll.h>
#include <sys/eventfd.h>
