import IPVSKit

// Placeholder: the generic-netlink backend is being written. Its public surface:
//   public final class NetlinkIPVSClient: IPVSClient {
//       public init() throws   // opens the socket, resolves "IPVS"; IPVSError(.connect) if absent
//   }
