// Finds English left in the Chinese interface: words of Latin letters that
// are not names (protocols, messages, fields of Figure 2, people), keys,
// units or values a learner types.
const NAMES = new Set(
  `RaftLab Raft Gossip SWIM NWR Quorum PreVote CheckQuorum ReadIndex RequestVote AppendEntries
   InstallSnapshot TimeoutNow PreVoteReply RequestVoteReply AppendEntriesReply InstallSnapshotReply
   nextIndex matchIndex commitIndex lastApplied votedFor currentTerm leaderCommit prevLogIndex
   prevLogTerm lastLogIndex lastLogTerm entries
   Ping PingReq Ack Suspect Alive Dead Confirm Push Pull PushPull
   LogCabin Demers Pittel Karp Ongaro Ousterhout Dynamo Cassandra Lamport ABD CAP FLP GC
   Put PutAck Get GetReply Repair RepairAck Handoff HandoffAck Gifford Attiya Bar-Noy Dolev DeCandia Vogels Brewer Riak Gilbert Lynch
   JSON URL HTTP iframe KiB MiB ms
   English Space Esc Enter Shift Tab Home End PgDn PgUp Page Up Down Delete Ctrl
   set get del put lease local readindex no-op noop push pull push-pull ping ack ping-req left right`.split(/\s+/).filter(Boolean),
);

// Words that are names or codes by their shape: S1, C12, v3, x, log₂n…
const SHAPES = [/^[A-Z]\d+$/, /^v\d+$/, /^[A-Za-z]{1,2}$/, /^[a-z]\d*$/, /^log/, /^[A-Z]{2,}$/];

/** The English words of `text` that need a translation. */
export function untranslated(text) {
  // An English term glossed after its translation, as in 选票瓜分（split
  // vote）, is there on purpose: learners meet it in the papers.
  const glossed = text.replace(/（[A-Za-z][A-Za-z '’-]*）/g, "");
  const words = glossed.match(/[A-Za-z][A-Za-z'’-]*/g) ?? [];
  return [...new Set(words.filter((w) => !NAMES.has(w) && !SHAPES.some((re) => re.test(w))))];
}

/** The prose of `locator`'s element (the whole body if none): its text
 *  without code (`set x lost`, file names), which a learner types or reads
 *  as it is. */
export function prose(page, locator = null) {
  const read = (el) => {
    const code = [...el.querySelectorAll("code, kbd, samp")];
    const shown = code.map((c) => c.style.display);
    code.forEach((c) => (c.style.display = "none"));
    const text = el.innerText;
    code.forEach((c, i) => (c.style.display = shown[i]));
    return text;
  };
  return locator ? locator.evaluate(read) : page.evaluate(`(${read})(document.body)`);
}
