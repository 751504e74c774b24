/// glibc 2.36's `qsort`, which is a top-down merge sort (`msort_with_tmp`).
///
/// ipvsadm sorts with comparators that are not a consistent order (they subtract with
/// wraparound, see `ListingOrder`), so the result depends on exactly which pairs are
/// compared in which order. This port makes the same comparisons as glibc:
/// split n into a first half of n/2 and the rest, sort each half, then merge, taking from
/// the first half while `compare(left, right) <= 0`.
///
/// glibc falls back to quicksort only when it cannot allocate the scratch array (arrays of
/// a sizeable fraction of physical memory); listings never get near that.
enum GlibcMergeSort {
    /// The elements reordered as glibc's `qsort` would, given a C-style comparator
    /// (negative, zero, positive).
    static func sorted<Element>(_ elements: [Element], by compare: (Element, Element) -> Int32) -> [Element] {
        var items = elements
        var scratch = elements
        sort(&items, 0..<items.count, scratch: &scratch, compare)
        return items
    }

    private static func sort<Element>(
        _ items: inout [Element], _ range: Range<Int>, scratch: inout [Element],
        _ compare: (Element, Element) -> Int32
    ) {
        guard range.count > 1 else { return }
        let middle = range.lowerBound + range.count / 2
        sort(&items, range.lowerBound..<middle, scratch: &scratch, compare)
        sort(&items, middle..<range.upperBound, scratch: &scratch, compare)

        var left = range.lowerBound
        var right = middle
        var out = range.lowerBound
        while left < middle && right < range.upperBound {
            if compare(items[left], items[right]) <= 0 {
                scratch[out] = items[left]
                left += 1
            } else {
                scratch[out] = items[right]
                right += 1
            }
            out += 1
        }
        // What is left of the first half goes next; what is left of the second half is
        // already in its final place.
        while left < middle {
            scratch[out] = items[left]
            left += 1
            out += 1
        }
        for index in range.lowerBound..<out { items[index] = scratch[index] }
    }
}
