package dev.provision.template;

import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import com.hubspot.jinjava.el.ext.ExtendedParser;
import com.hubspot.jinjava.el.ext.StringConcatOperator;
import com.hubspot.jinjava.objects.collections.PyList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.impl.Parser;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.javax.el.ELContext;

/**
 * Jinjava's expression syntax with Jinja's (Python's) meaning for the operators where Jinjava's
 * differs: {@code *} repeats strings and lists, {@code %} formats a string ({@code '%05d' % n}) and
 * takes the divisor's sign on numbers, {@code ~} prints values as Python does ({@code True},
 * {@code None}), and {@code and} gives one of its operands ({@code x and 'yes' or 'no'}), as
 * {@code or} already does. The truth of an operand is still Jinjava's, so conditions decide as
 * before. Public, with public constructors: Jinjava's expression factory instantiates it by name.
 */
public final class PythonSyntax extends ExtendedSyntaxBuilder {

  private static final long serialVersionUID = 1L;

  public PythonSyntax() {
  }

  public PythonSyntax(Feature... features) {
    super(features);
  }

  /** Jinjava's expression factory, with this syntax. */
  static jinjava.javax.el.ExpressionFactory factory() {
    java.util.Properties properties = new java.util.Properties();
    properties.setProperty(jinjava.de.odysseus.el.tree.TreeBuilder.class.getName(), PythonSyntax.class.getName());
    return new jinjava.de.odysseus.el.ExpressionFactoryImpl(properties, new com.hubspot.jinjava.el.TruthyTypeConverter());
  }

  @Override
  protected Parser createParser(String expression) {
    return new PythonParser(this, expression);
  }

  private static final class PythonParser extends ExtendedParser {

    PythonParser(PythonSyntax builder, String expression) {
      super(builder, expression);
      putExtensionHandler(StringConcatOperator.TOKEN,
          new ExtensionHandler(StringConcatOperator.HANDLER.getExtensionPoint()) {
            @Override
            public AstNode createAstNode(AstNode... children) {
              return new AstBinary(children[0], children[1], CONCAT);
            }
          });
    }

    @Override
    protected AstBinary createAstBinary(AstNode left, AstNode right, AstBinary.Operator operator) {
      AstBinary.Operator python = operator == AstBinary.MUL ? MUL
          : operator == AstBinary.MOD ? MOD
          : operator == AstBinary.AND ? AND
          : operator;
      return super.createAstBinary(left, right, python);
    }
  }

  /** An operator of two evaluated operands, which may hand them to Jinjava's own. */
  private abstract static class Values implements AstBinary.Operator {
    @Override
    public Object eval(Bindings bindings, ELContext context, AstNode left, AstNode right) {
      return apply(bindings, context, left.eval(bindings, context), right.eval(bindings, context));
    }

    abstract Object apply(Bindings bindings, ELContext context, Object a, Object b);
  }

  private static final AstBinary.Operator CONCAT = new Values() {
    @Override
    Object apply(Bindings bindings, ELContext context, Object a, Object b) {
      return text(a) + text(b);
    }

    @Override
    public String toString() {
      return "~";
    }
  };

  private static final AstBinary.Operator AND = new AstBinary.Operator() {
    @Override
    public Object eval(Bindings bindings, ELContext context, AstNode left, AstNode right) {
      Object l = left.eval(bindings, context);
      if (!Boolean.TRUE.equals(bindings.convert(l, Boolean.class))) {
        return l;
      }
      return right.eval(bindings, context);
    }

    @Override
    public String toString() {
      return "and";
    }
  };

  private static final AstBinary.Operator MUL = new Values() {
    @Override
    Object apply(Bindings bindings, ELContext context, Object a, Object b) {
      if (sequence(a) && count(b)) {
        return repeat(a, times(b));
      }
      if (count(a) && sequence(b)) {
        return repeat(b, times(a));
      }
      return AstBinary.MUL.eval(bindings, context, constant(a), constant(b));
    }

    @Override
    public String toString() {
      return "*";
    }
  };

  private static final AstBinary.Operator MOD = new Values() {
    @Override
    Object apply(Bindings bindings, ELContext context, Object a, Object b) {
      if (a instanceof CharSequence s) {
        return PythonFormat.percent(s.toString(), b instanceof PyList list && tuple(list) ? list.toList() : b,
            b instanceof PyList list && tuple(list));
      }
      if (integral(a) && integral(b)) {
        long divisor = ((Number) b).longValue();
        if (divisor == 0) {
          throw new ArithmeticException("integer division or modulo by zero");
        }
        return Math.floorMod(((Number) a).longValue(), divisor);
      }
      if (a instanceof Number x && b instanceof Number y) {
        double d = y.doubleValue();
        if (d == 0) {
          throw new ArithmeticException("float modulo");
        }
        double r = x.doubleValue() % d;
        return r != 0 && (r < 0) != (d < 0) ? r + d : r;
      }
      return AstBinary.MOD.eval(bindings, context, constant(a), constant(b));
    }

    @Override
    public String toString() {
      return "%";
    }
  };

  /** A literal tuple ({@code ('a', 'b')}) arrives as a PyList over an unmodifiable list; a list literal does not. */
  private static boolean tuple(PyList list) {
    return list.getClass() == PyList.class && list.toList().getClass().getName().startsWith("java.util.Collections$Unmodifiable");
  }

  private static String text(Object v) {
    return Undefined.is(v) ? "" : PlainValues.pythonStr(v);
  }

  private static boolean sequence(Object v) {
    return v instanceof CharSequence || v instanceof List<?>;
  }

  private static boolean count(Object v) {
    return integral(v) || v instanceof Boolean;
  }

  private static boolean integral(Object v) {
    return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
        || v instanceof java.math.BigInteger;
  }

  private static int times(Object v) {
    return v instanceof Boolean b ? (b ? 1 : 0) : (int) Math.max(0, ((Number) v).longValue());
  }

  private static Object repeat(Object sequence, int times) {
    if (sequence instanceof CharSequence s) {
      return s.toString().repeat(times);
    }
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      out.addAll((Collection<?>) sequence);
    }
    return out;
  }

  /** A value as a node, to hand numbers to Jinjava's own operator. */
  private static AstNode constant(Object value) {
    return new jinjava.de.odysseus.el.tree.impl.ast.AstRightValue() {
      @Override
      public Object eval(Bindings bindings, ELContext context) {
        return value;
      }

      @Override
      public String toString() {
        return String.valueOf(value);
      }

      @Override
      public void appendStructure(StringBuilder builder, Bindings bindings) {
        builder.append(value);
      }

      @Override
      public int getCardinality() {
        return 0;
      }

      @Override
      public AstNode getChild(int i) {
        return null;
      }
    };
  }
}
