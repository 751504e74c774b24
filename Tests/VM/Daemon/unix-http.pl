# unix-http.pl SOCKET METHOD TARGET [HEADER...]: one HTTP/1.1 request to lvsadmd over a
# Unix socket; prints the response as it came (status line, headers, body) with the
# carriage returns taken out. A connection refused prints "connect: REASON" on standard
# error and exits 2. With AS_UID set, the request is made as that user and group (who else
# may connect). Perl's builtins alone (on Linux AF_UNIX and SOCK_STREAM are both 1): the VM
# has perl's binary and none of its modules, and busybox has no Unix socket client.
my ($path, $method, $target, @headers) = @ARGV;
die "usage: unix-http.pl SOCKET METHOD TARGET [HEADER...]\n" unless defined $target;
if (defined $ENV{AS_UID}) {
  $) = "$ENV{AS_UID} $ENV{AS_UID}";
  $> = $ENV{AS_UID};
  $< = $ENV{AS_UID};
  die "cannot become user $ENV{AS_UID}\n" unless $> == $ENV{AS_UID} && $< == $ENV{AS_UID};
}
alarm 20;
socket(my $socket, 1, 1, 0) or die "socket: $!\n";
unless (connect($socket, pack("S a108", 1, $path))) {
  print STDERR "connect: $!\n";
  exit 2;
}
my $request = "$method $target HTTP/1.1\r\nHost: lvsadmd\r\nConnection: close\r\n"
  . join("", map { "$_\r\n" } @headers) . "\r\n";
syswrite($socket, $request) == length($request) or die "write: $!\n";
my $response = "";
while (sysread($socket, my $chunk, 65536)) { $response .= $chunk }
$response =~ s/\r//g;
print $response;
