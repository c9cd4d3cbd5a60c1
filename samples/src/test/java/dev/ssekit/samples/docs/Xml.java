package dev.ssekit.samples.docs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The little XML reading the docs checks do on poms: a file's document, an element's children. */
final class Xml {
  private Xml() {}

  static Document parse(Path file) {
    try {
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  /** The child elements of {@code parent} named {@code name}, in document order. */
  static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name.equals(e.getTagName())) {
        found.add(e);
      }
    }
    return found;
  }
}
