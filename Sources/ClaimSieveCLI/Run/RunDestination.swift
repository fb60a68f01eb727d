import ClaimSieveCore
import ClaimSieveState
import Foundation

/// Where a run writes (a plain `--out` folder or dated folders under a root) and, when there is
/// state, the lock and the store that keep runs one at a time and incremental.
struct RunDestination {
    /// `--out`: the four files go straight into this folder.
    var outputDirectory: String?
    /// `--reports` / `report_root:`: one folder per run and a `latest` link.
    var folders: ReportFolders?
    var statePath: String?
    /// nil: the state file's own journal (`wal` for a new one).
    var stateJournal: StateJournal?
    private(set) var lock: RunLock?
    private(set) var state: StateStore?

    /// Decides where to write. `--out` wins over the pipeline's `report_root:`; an explicit
    /// `--reports` is used even with `--out`, for its state only: the report goes into `--out`,
    /// and no dated folder is made, published as `latest` or pruned (there is none to publish).
    init(settings: BatchRun.Settings, reportRoot: String?, pipelinePath: String) throws(BatchRun.Stop) {
        outputDirectory = settings.outputDirectory
        let root = settings.outputDirectory == nil ? (settings.reportsRoot ?? reportRoot) : settings.reportsRoot
        folders = settings.outputDirectory == nil ? root.map(ReportFolders.init) : nil
        guard outputDirectory != nil || folders != nil else {
            throw BatchRun.Stop(status: .usage, message: "say where to write: --out DIR, --reports ROOT, or `report_root:` in \(pipelinePath)")
        }
        if let root {
            do {
                try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            } catch {
                let why = PathProblem.unwritable(root, createsFolders: true, fallback: error.localizedDescription)
                throw BatchRun.Stop(status: .outputNotWritable, message: "cannot create \(root): \(why)")
            }
        }
        statePath = settings.statePath ?? root.map { $0 + "/state.sqlite" }
        stateJournal = settings.stateJournal
    }

    /// Takes the run lock and opens the state, when the run has state. A lock held by a live
    /// process stops the run at once with `locked`.
    mutating func open(startedAt: Date) throws(BatchRun.Stop) {
        guard let statePath else { return }
        let runLock = RunLock(path: statePath + ".lock")
        do {
            let folder = (statePath as NSString).deletingLastPathComponent
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            try runLock.acquire(startedAt: startedAt)
        } catch let holder as RunLock.Holder {
            throw BatchRun.Stop(status: .locked, message: holder.description)
        } catch {
            throw BatchRun.Stop(status: .outputNotWritable, message: "cannot create the lock \(runLock.path): \(error.localizedDescription)")
        }
        lock = runLock
        do {
            state = try StateStore(path: statePath, journal: stateJournal)
        } catch let busy as StateBusy {
            runLock.release()
            lock = nil
            throw BatchRun.Stop(status: .locked, message: busy.description)
        } catch {
            runLock.release()
            lock = nil
            throw BatchRun.Stop(status: .outputNotWritable, message: "cannot open the state \(statePath): \(error)")
        }
    }

    func close() {
        lock?.release()
    }

    /// A run id from the start time, unique under the root when there is one.
    func runID(startedAt: Date) -> String {
        (folders ?? ReportFolders(root: "/nonexistent")).newRunID(at: startedAt)
    }

    /// Where the report files are written while the run goes on.
    func workingDirectory(runID: String) -> String {
        outputDirectory ?? folders!.partialFolder(for: runID)
    }

    /// Where the finished report is.
    func finalDirectory(runID: String) -> String {
        outputDirectory ?? folders!.folder(for: runID)
    }
}
