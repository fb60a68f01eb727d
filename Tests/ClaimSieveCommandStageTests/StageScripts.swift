import ClaimSieveCore
import ClaimSieveTestSupport
import Foundation
import Logging
@testable import ClaimSieveCommandStage

/// Test programs for the `command` stage, written into a temporary folder by the test that uses
/// them, and helpers to build a stage around them.
enum StageScripts {
    /// One Python stage whose behaviour is chosen by the document's title, so a single long-lived
    /// process can be driven through every failure: `ok`, `error`, `crash`, `hang`, `garbage`,
    /// `wrong-id`, `big`, `change-id`, `stderr`, `upper`, `retire` (answers, then exits). Every answered document carries the
    /// process id in `metadata.publisher`, so tests can tell a restart from a reuse.
    static let misbehaving = #"""
    import json, os, sys, time
    for line in sys.stdin.buffer:
        request = json.loads(line)
        document = request["document"]
        title = document["metadata"].get("title") or "ok"
        document["metadata"]["publisher"] = str(os.getpid())
        reply = {"id": request["id"], "document": document}
        if title == "error":
            reply = {"id": request["id"], "error": "no thanks"}
        elif title == "crash":
            sys.exit(3)
        elif title == "hang":
            time.sleep(60)
        elif title == "garbage":
            sys.stdout.write("this is not json\n")
            sys.stdout.flush()
            continue
        elif title == "wrong-id":
            reply["id"] = request["id"] + 1000
        elif title == "big":
            document["claims"] = [{"id": "x", "block": 0, "sentence": 0, "text": "y" * 5000,
                                   "headline": False, "cues": []}]
        elif title == "change-id":
            document["id"] = "someone-else"
        elif title == "huge-block":
            document["claims"][0]["block"] = 9223372036854775807
        elif title == "huge-score":
            document["claims"][0]["score"] = 1e308
        elif title == "cue-outside":
            document["claims"][0]["cues"] = [{"text": "x", "category": "hearsay", "start": 3, "end": 999}]
        elif title == "speaker-outside":
            document["claims"][0]["cues"] = [{"text": document["claims"][0]["text"][:1], "category": "hearsay", "start": 0, "end": 1,
                                              "speaker": {"text": "x", "start": 2, "end": 999}}]
        elif title == "twice":
            sys.stdout.write(json.dumps(reply) + "\n" + json.dumps(reply) + "\n")
            sys.stdout.flush()
            continue
        elif title == "split-utf8":
            document["claims"][0]["text"] = "Café reports"
            document["claims"][0]["cues"] = [{"text": "x", "category": "hearsay", "start": 4, "end": 12}]
        elif title == "dup-ids":
            document["claims"][1]["id"] = document["claims"][0]["id"]
        elif title == "grandchild":
            import subprocess
            child = subprocess.Popen(["sleep", "300"])
            document["metadata"]["byline"] = str(child.pid)
        elif title == "stderr":
            sys.stderr.write("a diagnostic line\n")
            sys.stderr.flush()
        elif title == "retire":
            sys.stdout.write(json.dumps(reply) + "\n")
            sys.stdout.flush()
            sys.exit(0)
        elif title == "upper":
            for claim in document["claims"]:
                claim["text"] = claim["text"].upper()
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()
    """#

    /// Writes `source` as `name` into a fresh folder and returns the folder.
    static func folder(with source: String, named name: String = "stage.py") throws -> String {
        let folder = TestPaths.temporaryFolder("claimsieve-command")
        try source.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        return folder
    }

    /// A stage running `misbehaving` with `python3`, its script given relative to the folder as a
    /// pipeline file would.
    static func stage(timeout: StageDuration = StageDuration(seconds: 10), maxBytes: Int = 1_000_000,
                      jobs: Int = 1, logger: Logger = Logger(label: "test")) throws -> CommandStage {
        let folder = try folder(with: misbehaving)
        let options = CommandStage.Options(run: ["python3", "stage.py"], timeout: timeout, maxBytes: maxBytes, name: "test-stage")
        let stage = try CommandStage(options: options, context: StageContext(baseDirectory: folder, jobs: jobs), logger: logger)
        try stage.setUp()
        return stage
    }

    /// A document with two claims whose title selects the script's behaviour.
    static func document(_ title: String, id: String = "doc.html") -> Document {
        var document = Document(id: id, path: id, format: .html, metadata: Metadata(title: title),
                                blocks: [Block(kind: .paragraph, text: "Reports say it rained. It is 20 degrees.")])
        document.claims = [
            Claim(id: "a", block: 0, sentence: 0, text: "Reports say it rained."),
            Claim(id: "b", block: 0, sentence: 1, text: "It is 20 degrees."),
        ]
        return document
    }
}
