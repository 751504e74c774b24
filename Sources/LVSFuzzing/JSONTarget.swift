import LVSCommandLine

/// A JSON document as `lvsadm apply` reads it. What the parser accepts renders to text
/// that parses to the same value; the services a document describes, written as a
/// `rules` document and read again, write the same text (so nothing read is lost or
/// changed on the way through the model); apply's reader, which also refuses
/// duplicates, does not trap.
enum JSONTarget {
    static let parser = CommandLineParser(programName: "lvsadm", resolver: FixedResolver())

    static func run(_ input: [UInt8]) throws(FuzzFinding) {
        let text = String(decoding: input, as: UTF8.self)
        if let value = try? JSONParser.parse(text) {
            let rendered = value.rendered()
            guard let again = try? JSONParser.parse(rendered), again == value else {
                throw FuzzFinding(
                    "\(text.debugDescription) renders as \(rendered.debugDescription), which reads differently")
            }
        }
        if let services = try? JSONDocument.services(from: text) {
            let written = JSONDocument.rules(services)
            let back: [ListedService]
            do {
                back = try JSONDocument.services(from: written)
            } catch {
                throw FuzzFinding("the rules written for \(text.debugDescription) do not read back: \(error)")
            }
            let rewritten = JSONDocument.rules(back)
            guard rewritten == written else {
                throw FuzzFinding(
                    "\(text.debugDescription) writes \(written.debugDescription), which reads back as \(rewritten.debugDescription)"
                )
            }
        }
        _ = try? DesiredStateReader(parser: parser).read(input)
    }
}
