package jp.liaison.interop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;

/**
 * A body's system in Java opening and sealing Liaison packages with Bouncy Castle's RFC 9180 HPKE,
 * written from docs/partners.md alone (not from the TypeScript code):
 *
 * <pre>
 *   package = 0x02 ‖ enc (32 bytes) ‖ ciphertext ‖ tag
 *   suite   = base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM
 *   info    = UTF-8 "liaison-package/2;id=&lt;package id&gt;;case=&lt;case id&gt;;to=&lt;recipient&gt;;kid=&lt;key id&gt;"
 *   aad     = empty
 * </pre>
 *
 * Usage (the package or the content on standard input, the result on standard output):
 * <pre>
 *   HpkeTool open --jwk FILE --package ID --case ID --recipient CODE --key-id KID   &lt; base64 package  &gt; content
 *   HpkeTool seal --public-key BASE64 --package ID --case ID --recipient CODE --key-id KID   &lt; content  &gt; base64 package
 * </pre>
 * Exit status 0 on success, 1 when the package does not open, 2 on bad usage.
 */
public final class HpkeTool {
  private static final byte FORMAT = 0x02;
  private static final int ENC_LENGTH = 32;

  private HpkeTool() {}

  private static HPKE suite() {
    return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
  }

  static byte[] info(Map<String, String> args) {
    String line = "liaison-package/2;id=" + need(args, "package") + ";case=" + need(args, "case") + ";to=" + need(args, "recipient") + ";kid=" + need(args, "key-id");
    return line.getBytes(StandardCharsets.UTF_8);
  }

  /** Opens a format-2 package with the private key of a JWK file (RFC 8037 OKP / X25519). */
  static byte[] open(byte[] sealed, String jwk, byte[] info) throws Exception {
    if (sealed.length < 1 + ENC_LENGTH + 16 || sealed[0] != FORMAT) throw new IllegalArgumentException("not a format-2 Liaison package");
    byte[] enc = Arrays.copyOfRange(sealed, 1, 1 + ENC_LENGTH);
    byte[] ct = Arrays.copyOfRange(sealed, 1 + ENC_LENGTH, sealed.length);
    Base64.Decoder url = Base64.getUrlDecoder();
    HPKE hpke = suite();
    AsymmetricCipherKeyPair recipient = hpke.deserializePrivateKey(url.decode(member(jwk, "d")), url.decode(member(jwk, "x")));
    return hpke.open(enc, recipient, info, new byte[0], ct, null, null, null);
  }

  /** Seals content to a raw X25519 public key (base64), in format 2. */
  static byte[] seal(byte[] content, byte[] publicKey, byte[] info) throws Exception {
    HPKE hpke = suite();
    byte[][] sealed = hpke.seal(hpke.deserializePublicKey(publicKey), info, new byte[0], content, null, null, null);
    byte[] ct = sealed[0];
    byte[] enc = sealed[1];
    byte[] out = new byte[1 + enc.length + ct.length];
    out[0] = FORMAT;
    System.arraycopy(enc, 0, out, 1, enc.length);
    System.arraycopy(ct, 0, out, 1 + enc.length, ct.length);
    return out;
  }

  private static String member(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([A-Za-z0-9_-]+)\"").matcher(json);
    if (!m.find()) throw new IllegalArgumentException("the JWK has no \"" + name + "\"");
    return m.group(1);
  }

  private static String need(Map<String, String> args, String name) {
    String value = args.get(name);
    if (value == null) throw new IllegalArgumentException("--" + name + " is required");
    return value;
  }

  private static byte[] stdin() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.in.transferTo(out);
    return out.toByteArray();
  }

  public static void main(String[] argv) throws Exception {
    if (argv.length == 0 || !(argv[0].equals("open") || argv[0].equals("seal"))) {
      System.err.println("usage: HpkeTool open|seal --package ID --case ID --recipient CODE --key-id KID (--jwk FILE | --public-key BASE64)");
      System.exit(2);
    }
    Map<String, String> args = new HashMap<>();
    for (int i = 1; i + 1 < argv.length; i += 2) args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    try {
      byte[] info = info(args);
      if (argv[0].equals("open")) {
        String jwk = Files.readString(Path.of(need(args, "jwk")));
        byte[] sealed = Base64.getDecoder().decode(new String(stdin(), StandardCharsets.US_ASCII).trim());
        try {
          System.out.write(open(sealed, jwk, info));
        } catch (org.bouncycastle.crypto.InvalidCipherTextException e) {
          System.err.println("this package cannot be opened with this key (sealed to another key, bound to other ids, or altered)");
          System.exit(1);
        }
      } else {
        byte[] publicKey = Base64.getDecoder().decode(need(args, "public-key"));
        System.out.print(Base64.getEncoder().encodeToString(seal(stdin(), publicKey, info)));
      }
      System.out.flush();
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
  }
}
