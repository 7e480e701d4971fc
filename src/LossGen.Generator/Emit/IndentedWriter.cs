using System;
using System.Text;

namespace LossGen.Generator.Emit;

/// <summary>Builds source text line by line with the current indentation.</summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    public IndentedWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _depth * 4);
        }

        _text.Append(line).Append('\n');
        return this;
    }

    /// <summary>
    /// Writes <paramref name="header"/> (none when empty, after a header written line by line), an opening brace, and
    /// indents until the result is disposed.
    /// </summary>
    public IDisposable Block(string header)
    {
        if (header.Length > 0)
        {
            Line(header);
        }

        Line("{");
        _depth++;
        return new Closer(this);
    }

    public override string ToString() => _text.ToString();

    private sealed class Closer : IDisposable
    {
        private readonly IndentedWriter _writer;

        public Closer(IndentedWriter writer)
        {
            _writer = writer;
        }

        public void Dispose()
        {
            _writer._depth--;
            _writer.Line("}");
        }
    }
}
