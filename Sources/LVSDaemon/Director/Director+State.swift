import LVSHealth
import Logging

extension Director {
    /// The state file as saved, or nothing saved (first start, no file configured, or a
    /// file that cannot be read: logged, and the checks decide afresh).
    func loadState() -> SavedState {
        guard let stateFile else { return SavedState() }
        do {
            guard let text = try stateFile.load() else { return SavedState() }
            let (state, problems) = StateFileFormat.read(text)
            for problem in problems { logger.warning("\(stateFile.path): \(problem)") }
            return state
        } catch {
            logger.error("reading the state file: \(error)")
            return SavedState()
        }
    }

    func saveState() {
        stateUnsaved = false
        guard let stateFile else { return }
        do {
            try stateFile.save(SavedState(states: health, maintenance: maintenance))
        } catch {
            logger.error("saving the state file: \(error)")
        }
    }
}
