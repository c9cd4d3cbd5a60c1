package dev.ssekit.redis.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The Lua scripts, run with EVALSHA (falling back to EVAL when Redis does not have them). */
final class Scripts {
  /** Appends an event: a new epoch when the stream is new, XADD, the trims. */
  static final Scripts APPEND =
      new Scripts(
          """
          -- Appends one event to a topic's stream, in one round trip.
          -- KEYS[1] the stream, KEYS[2] its epoch key, KEYS[3] its sequence key
          -- ARGV[1] a new epoch, used when the stream must be created; ARGV[2] the body;
          -- ARGV[3] maxEvents (MAXLEN ~); ARGV[4] maxAge in milliseconds (MINID ~)
          -- Each entry has fields e (the epoch), n (1, 2, 3, ... within the epoch: a reader that sees a
          -- number skipped knows that entries were trimmed before it read them) and b (the body).
          -- Returns {epoch, stream id}.
          local epoch = redis.call('GET', KEYS[2])
          if (not epoch) or redis.call('EXISTS', KEYS[1]) == 0 then
            -- A new stream (first use, or the old one was lost): a new epoch, so that no id given out
            -- before can match an entry of this stream. A stream holds entries of one epoch only.
            epoch = ARGV[1]
            redis.call('DEL', KEYS[1])
            redis.call('SET', KEYS[2], epoch)
            redis.call('SET', KEYS[3], 0)
          end
          local n = redis.call('INCR', KEYS[3])
          local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[3], '*', 'e', epoch, 'n', n, 'b', ARGV[2])
          local t = redis.call('TIME')
          local minMs = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) - tonumber(ARGV[4])
          if minMs > 0 then
            redis.call('XTRIM', KEYS[1], 'MINID', '~', string.format('%d', minMs))
          end
          return {epoch, id}
          """);

  /** Reads where following starts: each topic's epoch and last id, together. */
  static final Scripts START =
      new Scripts(
          """
          -- Where following topics starts: for each topic its epoch, its stream's last id and that entry's
          -- number, read together.
          -- KEYS: stream 1, epoch key 1, sequence key 1, stream 2, ...
          -- Returns {epoch 1 or false, last id 1 or false, number 1 or false, epoch 2, ...}; a topic whose
          -- stream does not exist has none (a stream without its epoch key has its last id only).
          local out = {}
          for i = 1, #KEYS, 3 do
            local last = false
            local epoch = false
            local n = false
            if redis.call('EXISTS', KEYS[i]) == 1 then
              local info = redis.call('XINFO', 'STREAM', KEYS[i])
              for j = 1, #info, 2 do
                if info[j] == 'last-generated-id' then
                  last = info[j + 1]
                  break
                end
              end
              epoch = redis.call('GET', KEYS[i + 1])
              n = redis.call('GET', KEYS[i + 2])
            end
            out[#out + 1] = epoch
            out[#out + 1] = last
            out[#out + 1] = n
          end
          return out
          """);

  /** One page of a replay, after checking that the client's id is in the window. */
  static final Scripts REPLAY =
      new Scripts(
          """
          -- One page of a replay: the entries after ARGV[2] up to ARGV[3], if ARGV[2] is in the window.
          -- KEYS[1] the stream, KEYS[2] its epoch key
          -- ARGV[1] the epoch of the client's id; ARGV[2] its stream id; ARGV[3] the follower's latest stream
          -- id in the same epoch, or '' when it has none there; ARGV[4] maxAge in milliseconds; ARGV[5] the
          -- page size; ARGV[6] '1' for a later page (its start was just read: no age check)
          -- Returns {0} unknown id; {2} known but newer than ARGV[3]; {1, id, body, id, body, ...} otherwise.
          local function parse(id)
            local ms, seq = string.match(id, '^(%d+)-(%d+)$')
            return tonumber(ms), tonumber(seq)
          end
          local function after(a, b)
            local ams, aseq = parse(a)
            local bms, bseq = parse(b)
            return ams > bms or (ams == bms and aseq > bseq)
          end

          if redis.call('GET', KEYS[2]) ~= ARGV[1] then
            return {0}
          end
          if redis.call('EXISTS', KEYS[1]) == 0 then
            return {0}
          end
          local from = ARGV[2]
          local last = false
          local info = redis.call('XINFO', 'STREAM', KEYS[1])
          for j = 1, #info, 2 do
            if info[j] == 'last-generated-id' then
              last = info[j + 1]
              break
            end
          end
          if from ~= last then
            -- The newest id stays known after it ages out (its client missed nothing); any other must still
            -- be in the stream and, unless this is a later page, younger than maxAge.
            if #redis.call('XRANGE', KEYS[1], from, from) == 0 then
              return {0}
            end
            if ARGV[6] ~= '1' then
              local t = redis.call('TIME')
              local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
              local ms = parse(from)
              if ms < now - tonumber(ARGV[4]) then
                return {0}
              end
            end
          end
          if ARGV[3] == '' or after(from, ARGV[3]) then
            return {2}
          end
          local out = {1}
          local entries = redis.call('XRANGE', KEYS[1], '(' .. from, ARGV[3], 'COUNT', ARGV[5])
          for _, entry in ipairs(entries) do
            local fields = entry[2]
            for j = 1, #fields, 2 do
              if fields[j] == 'b' then
                out[#out + 1] = entry[1]
                out[#out + 1] = fields[j + 1]
                break
              end
            end
          end
          return out
          """);

  final String source;
  final byte[] bytes;
  final String sha;

  private Scripts(String source) {
    this.source = source;
    this.bytes = source.getBytes(UTF_8);
    this.sha = sha1(bytes);
  }

  private static String sha1(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(bytes);
      StringBuilder hex = new StringBuilder(40);
      for (byte b : digest) {
        hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JDK", e);
    }
  }
}
