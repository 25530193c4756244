import Scenario

/// An empty output buffer that keeps its capacity between uses, shared by the stations of a
/// fleet (on the loop's thread): taken while a station forwards its output and given back
/// empty afterwards. A use inside another (a station forwarding while another does) finds it
/// taken and starts with a new buffer, so sharing never mixes outputs.
final class OutputScratch {
    private var buffer: [HostOutput] = []

    /// The buffer, empty; the next taker gets a new one until it is given back.
    func take() -> [HostOutput] {
        defer { buffer = [] }
        return buffer
    }

    /// Empties `items` (keeping its capacity) and keeps it for the next taker.
    func give(back items: inout [HostOutput]) {
        items.removeAll(keepingCapacity: true)
        swap(&buffer, &items)
    }
}
