#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A detached POSIX thread running one closure, for the blocking waits of exec probes.
/// Plain pthreads rather than Foundation's Thread: the prober needs nothing else of
/// Foundation.
enum WaiterThread {
    private final class Work {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    static func start(_ body: @escaping @Sendable () -> Void) {
        let work = Unmanaged.passRetained(Work(body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        // A waiter needs little stack: 256 KiB of address space, not the default 8 MiB.
        pthread_attr_setstacksize(&attributes, 256 * 1024)
        var thread = pthread_t()
        let status = pthread_create(
            &thread, &attributes,
            { context in
                guard let context else { return nil }
                let work = Unmanaged<Work>.fromOpaque(context).takeRetainedValue()
                work.body()
                return nil
            }, work)
        if status != 0 {
            // No thread to be had: wait here rather than lose the program's exit.
            Unmanaged<Work>.fromOpaque(work).takeRetainedValue().body()
        }
    }
}
